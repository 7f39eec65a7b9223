/// One node of the inventory: for ecsnodes, one container of a running ECS task.
///
/// Mirrors Rundeck's `NodeEntryImpl`: a name, a set of tags and a flat map of string
/// attributes. `nodename` and `tags` are not stored in `attributes`; ``subscript(attribute:)``
/// synthesizes them the way Rundeck does, so filters see exactly what Rundeck would.
public struct Node: Sendable, Hashable {
    /// The node name (Rundeck's `nodename`).
    public var name: String
    /// Every attribute except `nodename` and `tags`.
    public var attributes: [String: String]
    /// The tags, sorted and without duplicates.
    public private(set) var tags: [String]

    public init(name: String, attributes: [String: String] = [:], tags: some Sequence<String> = [String]()) {
        self.name = name
        var attributes = attributes
        attributes["nodename"] = nil
        attributes["tags"] = nil
        self.attributes = attributes
        self.tags = Array(Set(tags)).sorted()
    }

    /// Replaces the tags (sorted and deduplicated).
    public mutating func setTags(_ tags: some Sequence<String>) {
        self.tags = Array(Set(tags)).sorted()
    }

    /// The attribute as Rundeck exposes it: `nodename` is the name, `tags` the sorted tags
    /// joined with `", "`, anything else from `attributes`.
    public subscript(attribute name: String) -> String? {
        switch name {
        case "nodename": self.name
        case "tags": tags.joined(separator: ", ")
        default: attributes[name]
        }
    }

    /// All attributes as Rundeck's generators write them: `attributes` plus `nodename` and `tags`.
    public var allAttributes: [String: String] {
        var all = attributes
        all["nodename"] = name
        all["tags"] = tags.joined(separator: ", ")
        return all
    }
}
