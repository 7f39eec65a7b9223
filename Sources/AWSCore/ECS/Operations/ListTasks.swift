extension ECS {
    /// `ListTasks`: the ARNs of a cluster's tasks that match the filters, a page at a time.
    ///
    /// ECS lists only `RUNNING` tasks when ``desiredStatus`` is nil (moto lists all of them;
    /// aws-core.md §3.4).
    public struct ListTasksRequest: ECSPaginatedRequest, Hashable {
        public typealias Response = ListTasksResponse
        public static let action = "ListTasks"

        /// Name or ARN; nil means the `default` cluster.
        public var cluster: String?
        public var containerInstance: String?
        public var family: String?
        public var startedBy: String?
        public var serviceName: String?
        public var desiredStatus: DesiredStatus?
        public var launchType: LaunchType?
        /// 1 to 100; AWS returns up to 100 when nil.
        public var maxResults: Int?
        public var nextToken: String?

        public init(
            cluster: String? = nil, containerInstance: String? = nil, family: String? = nil,
            startedBy: String? = nil, serviceName: String? = nil, desiredStatus: DesiredStatus? = nil,
            launchType: LaunchType? = nil, maxResults: Int? = nil, nextToken: String? = nil
        ) {
            self.cluster = cluster
            self.containerInstance = containerInstance
            self.family = family
            self.startedBy = startedBy
            self.serviceName = serviceName
            self.desiredStatus = desiredStatus
            self.launchType = launchType
            self.maxResults = maxResults
            self.nextToken = nextToken
        }

        public var clusterName: String? { cluster }
    }

    public struct ListTasksResponse: Codable, Sendable, Hashable, ECSPage {
        public var taskArns: [String]?
        public var nextToken: String?

        public init(taskArns: [String]? = nil, nextToken: String? = nil) {
            self.taskArns = taskArns
            self.nextToken = nextToken
        }

        public var items: [String] { taskArns ?? [] }
    }
}
