/// A `Cluster` as DescribeClusters returns it.
struct ClusterShape: Encodable {
    struct Setting: Encodable {
        var name: String
        var value: String
    }

    struct Configuration: Encodable {
        struct ExecuteCommand: Encodable {
            var kmsKeyId: String?
            var logging: String
        }

        var executeCommandConfiguration: ExecuteCommand
    }

    var clusterArn: String
    var clusterName: String
    var status = "ACTIVE"
    var registeredContainerInstancesCount: Int
    var runningTasksCount: Int
    var pendingTasksCount: Int
    var activeServicesCount: Int
    var statistics: [Setting] = []
    var tags: [FleetTag]?
    var settings: [Setting]?
    var configuration: Configuration?
    var capacityProviders = ["FARGATE", "FARGATE_SPOT"]
    var defaultCapacityProviderStrategy: [Setting] = []

    /// `include`: `TAGS` adds the tags, `SETTINGS` the Container Insights setting,
    /// `CONFIGURATIONS` the execute-command configuration (its KMS key).
    init(_ cluster: FleetCluster, include: Set<String>) {
        clusterArn = cluster.arn
        clusterName = cluster.name
        registeredContainerInstancesCount = cluster.containerInstanceCount
        runningTasksCount = cluster.count(lastStatus: "RUNNING")
        pendingTasksCount = cluster.count(lastStatus: "PENDING")
        activeServicesCount = cluster.services.count
        if include.contains("TAGS") { tags = cluster.tags }
        if include.contains("SETTINGS") { settings = [Setting(name: "containerInsights", value: "disabled")] }
        if include.contains("CONFIGURATIONS") {
            configuration = Configuration(executeCommandConfiguration: .init(kmsKeyId: cluster.kmsKeyId, logging: cluster.execLogging))
        }
    }
}

/// An item a describe call could not find: `{"arn": …, "reason": "MISSING"}`.
struct FailureShape: Encodable {
    var arn: String
    var reason = "MISSING"
}
