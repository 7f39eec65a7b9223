extension ECS {
    /// `DescribeTasks`: up to ``maxTasks`` tasks of one cluster by id or ARN; unknown ones come
    /// back as failures with reason `MISSING` (moto leaves them out instead).
    public struct DescribeTasksRequest: ECSRequest, Hashable {
        public typealias Response = DescribeTasksResponse
        public static let action = "DescribeTasks"
        /// The most tasks one call may ask for.
        public static let maxTasks = 100

        /// Name or ARN; nil means the `default` cluster.
        public var cluster: String?
        /// Task ids or ARNs, 1 to ``maxTasks``.
        public var tasks: [String]
        /// `["TAGS"]` to have each task's tags returned (the only value ECS knows).
        public var include: [String]?

        public init(cluster: String? = nil, tasks: [String], include: [String]? = ["TAGS"]) {
            self.cluster = cluster
            self.tasks = tasks
            self.include = include
        }

        public var clusterName: String? { cluster }
    }

    public struct DescribeTasksResponse: Codable, Sendable, Hashable {
        public var tasks: [Task]?
        public var failures: [Failure]?

        public init(tasks: [Task]? = nil, failures: [Failure]? = nil) {
            self.tasks = tasks
            self.failures = failures
        }
    }
}
