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
        /// Present only when asked for with `include: ["CONFIGURATIONS"]` (and set on the cluster).
        public var configuration: ClusterConfiguration?

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

    /// A cluster's `configuration`: how ECS Exec sessions are encrypted and logged.
    public struct ClusterConfiguration: Codable, Sendable, Hashable {
        public var executeCommandConfiguration: ExecuteCommandConfiguration?

        public init(executeCommandConfiguration: ExecuteCommandConfiguration? = nil) {
            self.executeCommandConfiguration = executeCommandConfiguration
        }
    }

    /// `executeCommandConfiguration`: the KMS key sessions are encrypted with (beyond TLS),
    /// and where commands and output are logged.
    public struct ExecuteCommandConfiguration: Codable, Sendable, Hashable {
        public var kmsKeyId: String?
        /// `NONE`, `DEFAULT` (the task's awslogs configuration) or `OVERRIDE` (`logConfiguration`).
        public var logging: String?

        public init(kmsKeyId: String? = nil, logging: String? = nil) {
            self.kmsKeyId = kmsKeyId
            self.logging = logging
        }
    }
}
