import AWSCore

/// The source filters of ``NodeSourceOptions``, applied to described tasks and containers,
/// and the part of them ListTasks can apply itself.
struct TaskFilter: Sendable, Hashable {
    var desiredStatus: String
    var launchType: String?
    var services: Set<String>
    var excludedServices: Set<String>
    var families: Set<String>
    var excludedFamilies: Set<String>
    var containerNames: Set<String>
    var excludedContainerNames: Set<String>
    /// Tag keys a task must carry, each with the values allowed (empty: any value).
    var requiredTags: [String: Set<String>]
    /// Tags that drop a task: a key with a value, or a key alone (any value).
    var excludedTags: [TagPattern]

    /// A `key=value` filter; a bare `key` has no value and matches any.
    struct TagPattern: Sendable, Hashable {
        var key: String
        var value: String?

        init(_ text: String) {
            if let equals = text.firstIndex(of: "=") {
                key = String(text[..<equals])
                value = String(text[text.index(after: equals)...])
            } else {
                key = text
                value = nil
            }
        }

        func matches(_ tags: [String: String]) -> Bool {
            guard let actual = tags[key] else { return false }
            return value.map { $0 == actual } ?? true
        }
    }

    init(_ options: NodeSourceOptions) {
        desiredStatus = options.desiredStatus.uppercased()
        launchType = options.launchType.nonEmpty?.uppercased()
        services = Set(options.services.map(ARN.name))
        excludedServices = Set(options.excludedServices.map(ARN.name))
        families = Set(options.taskDefinitionFamilies)
        excludedFamilies = Set(options.excludedTaskDefinitionFamilies)
        containerNames = Set(options.containerNames)
        excludedContainerNames = Set(options.excludedContainerNames)
        requiredTags = [:]
        for pattern in options.tags.map(TagPattern.init) {
            requiredTags[pattern.key, default: []].formUnion(pattern.value.map { [$0] } ?? [])
        }
        excludedTags = options.excludedTags.map(TagPattern.init)
    }

    /// ListTasks for `cluster` with what it can filter on: the desired status and launch type,
    /// and a single service or else a single family.
    func listTasksRequest(cluster: String) -> ECS.ListTasksRequest {
        let serviceName = services.count == 1 ? services.first : nil
        return ECS.ListTasksRequest(
            cluster: cluster,
            family: serviceName == nil && families.count == 1 ? families.first : nil,
            serviceName: serviceName,
            desiredStatus: ECS.DesiredStatus(rawValue: desiredStatus),
            launchType: launchType.map(ECS.LaunchType.init(rawValue:)),
            maxResults: 100
        )
    }

    /// Whether `task` passes the task-level filters (all but container names).
    func selects(_ task: ECS.Task) -> Bool {
        if let launchType, task.launchType?.rawValue.uppercased() != launchType { return false }
        let service = NodeMapper.serviceName(group: task.group)
        if !services.isEmpty, !service.map(services.contains).isTrue { return false }
        if let service, excludedServices.contains(service) { return false }
        let family = NodeMapper.family(of: task)
        if !families.isEmpty, !family.map(families.contains).isTrue { return false }
        if let family, excludedFamilies.contains(family) { return false }
        guard !requiredTags.isEmpty || !excludedTags.isEmpty else { return true }
        let tags = task.tags?.dictionary ?? [:]
        for (key, values) in requiredTags {
            guard let value = tags[key], values.isEmpty || values.contains(value) else { return false }
        }
        return !excludedTags.contains { $0.matches(tags) }
    }

    /// Whether `container` passes the container-name filters.
    func selects(_ container: ECS.Container) -> Bool {
        let name = container.name ?? ""
        if !containerNames.isEmpty, !containerNames.contains(name) { return false }
        return !excludedContainerNames.contains(name)
    }
}

extension Optional<Bool> {
    /// True only for `.some(true)`.
    var isTrue: Bool { self == true }
}
