extension ECS {
    /// `DescribeClusters`: up to 100 clusters by name or ARN; unknown ones come back as
    /// failures with reason `MISSING`.
    public struct DescribeClustersRequest: ECSRequest, Hashable {
        public typealias Response = DescribeClustersResponse
        public static let action = "DescribeClusters"

        /// Names or ARNs, at most 100; empty or nil means the `default` cluster.
        public var clusters: [String]?
        /// Any of `ATTACHMENTS`, `CONFIGURATIONS`, `SETTINGS`, `STATISTICS`, `TAGS`.
        public var include: [String]?

        public init(clusters: [String]? = nil, include: [String]? = ["TAGS"]) {
            self.clusters = clusters
            self.include = include
        }
    }

    public struct DescribeClustersResponse: Codable, Sendable, Hashable {
        public var clusters: [Cluster]?
        public var failures: [Failure]?

        public init(clusters: [Cluster]? = nil, failures: [Failure]? = nil) {
            self.clusters = clusters
            self.failures = failures
        }
    }
}
