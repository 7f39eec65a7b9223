extension ECS {
    /// `ListServices`: the ARNs of a cluster's services, a page at a time.
    public struct ListServicesRequest: ECSPaginatedRequest, Hashable {
        public typealias Response = ListServicesResponse
        public static let action = "ListServices"

        /// Name or ARN; nil means the `default` cluster.
        public var cluster: String?
        public var launchType: LaunchType?
        /// `REPLICA` or `DAEMON`.
        public var schedulingStrategy: String?
        /// 1 to 100; AWS returns only up to 10 when nil.
        public var maxResults: Int?
        public var nextToken: String?

        public init(cluster: String? = nil, launchType: LaunchType? = nil, schedulingStrategy: String? = nil,
                    maxResults: Int? = nil, nextToken: String? = nil) {
            self.cluster = cluster
            self.launchType = launchType
            self.schedulingStrategy = schedulingStrategy
            self.maxResults = maxResults
            self.nextToken = nextToken
        }

        public var clusterName: String? { cluster }
    }

    public struct ListServicesResponse: Codable, Sendable, Hashable, ECSPage {
        public var serviceArns: [String]?
        public var nextToken: String?

        public init(serviceArns: [String]? = nil, nextToken: String? = nil) {
            self.serviceArns = serviceArns
            self.nextToken = nextToken
        }

        public var items: [String] { serviceArns ?? [] }
    }
}
