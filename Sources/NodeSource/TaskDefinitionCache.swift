import AWSCore

/// Task definitions already described, by ARN, so a poll asks `DescribeTaskDefinition` only for
/// definitions it has not seen.
///
/// A definition ARN names one revision, and a revision never changes, so an entry never goes
/// stale. A ``NodeSource`` keeps one for its lifetime; a longer-lived caller (the watch loop)
/// passes the same cache to each source it builds, so later polls make no such calls at all.
/// When ``capacity`` is reached the oldest entries are dropped.
public actor TaskDefinitionCache {
    /// The most definitions kept.
    public let capacity: Int
    private var entries: [String: ECS.TaskDefinition] = [:]
    /// ARNs in the order they were stored, for eviction.
    private var order: [String] = []

    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// The number of definitions held.
    public var count: Int { entries.count }

    /// The definition stored for `arn`, if any.
    public func definition(for arn: String) -> ECS.TaskDefinition? {
        entries[arn]
    }

    /// The definitions stored for those of `arns` that have one.
    public func definitions(for arns: some Sequence<String>) -> [String: ECS.TaskDefinition] {
        var found: [String: ECS.TaskDefinition] = [:]
        for arn in arns { found[arn] = entries[arn] }
        return found
    }

    /// Stores `definition` for `arn`, dropping the oldest entries beyond ``capacity``.
    public func store(_ definition: ECS.TaskDefinition, for arn: String) {
        if entries.updateValue(definition, forKey: arn) == nil { order.append(arn) }
        if order.count > capacity {
            let dropped = order.count - capacity
            for old in order.prefix(dropped) { entries[old] = nil }
            order.removeFirst(dropped)
        }
    }

    /// Forgets every definition.
    public func removeAll() {
        entries = [:]
        order = []
    }
}
