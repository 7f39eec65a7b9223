extension ECS {
    /// `ListClusters`: the ARNs of the account's clusters in the region, a page at a time.
    public struct ListClustersRequest: ECSPaginatedRequest, Hashable {
        public typealias Response = ListClustersResponse
        public static let action = "ListClusters"

        /// 1 to 100; AWS returns up to 100 when nil.
        public var maxResults: Int?
        public var nextToken: String?

        public init(maxResults: Int? = nil, nextToken: String? = nil) {
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
    }

    public struct ListClustersResponse: Codable, Sendable, Hashable, ECSPage {
        public var clusterArns: [String]?
        public var nextToken: String?

        public init(clusterArns: [String]? = nil, nextToken: String? = nil) {
            self.clusterArns = clusterArns
            self.nextToken = nextToken
        }

        public var items: [String] { clusterArns ?? [] }
    }
}
