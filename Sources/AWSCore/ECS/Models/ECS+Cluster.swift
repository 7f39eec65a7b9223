extension ECS {
    /// A cluster, as `DescribeClusters` returns it.
    public struct Cluster: Codable, Sendable, Hashable {
        public var clusterArn: String?
        public var clusterName: String?
        /// `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED` or `INACTIVE`.
        public var status: String?
        public var registeredContainerInstancesCount: Int?
        public var runningTasksCount: Int?
        public var pendingTasksCount: Int?
        public var activeServicesCount: Int?
        public var capacityProviders: [String]?
        /// Present only when asked for with `include: ["TAGS"]`.
        public var tags: [Tag]?

        public init(
            clusterArn: String? = nil, clusterName: String? = nil, status: String? = nil,
            registeredContainerInstancesCount: Int? = nil, runningTasksCount: Int? = nil,
            pendingTasksCount: Int? = nil, activeServicesCount: Int? = nil,
            capacityProviders: [String]? = nil, tags: [Tag]? = nil
        ) {
            self.clusterArn = clusterArn
            self.clusterName = clusterName
            self.status = status
            self.registeredContainerInstancesCount = registeredContainerInstancesCount
            self.runningTasksCount = runningTasksCount
            self.pendingTasksCount = pendingTasksCount
            self.activeServicesCount = activeServicesCount
            self.capacityProviders = capacityProviders
            self.tags = tags
        }
    }
}
