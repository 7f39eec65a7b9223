/// What a ``NodeSource`` lists: which regions and clusters, which tasks and containers.
///
/// `Codable` and `Hashable` so a cache can key on it: two equal option values list the same
/// nodes (for the same caller). Filters come in include/exclude pairs, as the seed's "Filter
/// Behavior" does (anchors.md §1.4); an empty include list selects everything. ListTasks
/// applies a filter server-side when a single value allows it; every filter is applied
/// client-side too, so peers that ignore a ListTasks parameter (moto) give the same nodes.
public struct NodeSourceOptions: Sendable, Hashable, Codable {
    /// Cluster names or ARNs; empty means every cluster of every region. A name is looked up
    /// in every region, an ARN only in its own.
    public var clusters: [String]
    /// The regions to list; at least one.
    public var regions: [String]
    /// The tasks' desired status: `RUNNING` (ECS's default), `PENDING` or `STOPPED`.
    public var desiredStatus: String
    /// Only tasks of this launch type (`EC2`, `FARGATE`, `EXTERNAL`); nil for all.
    public var launchType: String?
    /// Only tasks of these services (names); standalone tasks have none.
    public var services: [String]
    public var excludedServices: [String]
    /// Only tasks of these task-definition families.
    public var taskDefinitionFamilies: [String]
    public var excludedTaskDefinitionFamilies: [String]
    /// Only these containers (by name).
    public var containerNames: [String]
    public var excludedContainerNames: [String]
    /// Only tasks with these tags, as `key=value`: for each key given, the task's value must be
    /// one of the values given for it (a bare `key` matches any value).
    public var tags: [String]
    /// Not tasks with any of these tags, as `key=value` (a bare `key`: the tag at all).
    public var excludedTags: [String]
    /// The most API calls in flight at once.
    public var concurrency: Int
    /// `--endpoint-url`: the ECS endpoint, when not AWS's own.
    public var endpoint: String?
    /// The role the caller assumes; recorded in every node as `assume-role-arn`.
    public var assumeRoleARN: String?

    public init(
        clusters: [String] = [],
        regions: [String],
        desiredStatus: String = "RUNNING",
        launchType: String? = nil,
        services: [String] = [],
        excludedServices: [String] = [],
        taskDefinitionFamilies: [String] = [],
        excludedTaskDefinitionFamilies: [String] = [],
        containerNames: [String] = [],
        excludedContainerNames: [String] = [],
        tags: [String] = [],
        excludedTags: [String] = [],
        concurrency: Int = 8,
        endpoint: String? = nil,
        assumeRoleARN: String? = nil
    ) {
        self.clusters = clusters
        self.regions = regions
        self.desiredStatus = desiredStatus
        self.launchType = launchType
        self.services = services
        self.excludedServices = excludedServices
        self.taskDefinitionFamilies = taskDefinitionFamilies
        self.excludedTaskDefinitionFamilies = excludedTaskDefinitionFamilies
        self.containerNames = containerNames
        self.excludedContainerNames = excludedContainerNames
        self.tags = tags
        self.excludedTags = excludedTags
        self.concurrency = concurrency
        self.endpoint = endpoint
        self.assumeRoleARN = assumeRoleARN
    }
}

/// A ``NodeSource`` cannot list with its options.
public enum NodeSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``NodeSourceOptions/regions`` is empty.
    case noRegion

    public var description: String {
        switch self {
        case .noRegion: "no region to list ECS clusters in (give --region, or set AWS_REGION or the profile's region)"
        }
    }
}
