/// A `Service` as DescribeServices returns it, with its one completed deployment.
struct ServiceShape: Encodable {
    struct Deployment: Encodable {
        var id: String
        var status = "PRIMARY"
        var taskDefinition: String
        var desiredCount: Int
        var pendingCount: Int
        var runningCount: Int
        var failedTasks = 0
        var createdAt: Double
        var updatedAt: Double
        var launchType: String
        var platformVersion: String?
        var rolloutState = "COMPLETED"
        var rolloutStateReason: String
    }

    var serviceArn: String
    var serviceName: String
    var clusterArn: String
    var status = "ACTIVE"
    var desiredCount: Int
    var runningCount: Int
    var pendingCount: Int
    var launchType: String
    var platformVersion: String?
    var platformFamily: String?
    var taskDefinition: String
    var deployments: [Deployment]
    var createdAt: Double
    var createdBy = "arn:aws:iam::\(Fleet.account):role/ecs-sim"
    var schedulingStrategy = "REPLICA"
    var deploymentController = ["type": "ECS"]
    var enableECSManagedTags = true
    var propagateTags: String
    var enableExecuteCommand: Bool
    var tags: [FleetTag]?

    init(_ service: FleetService, cluster: FleetCluster, includeTags: Bool) {
        serviceArn = service.arn
        serviceName = service.name
        clusterArn = cluster.arn
        desiredCount = service.desiredCount
        runningCount = service.runningCount
        pendingCount = service.pendingCount
        launchType = service.launchType
        platformVersion = service.platformVersion
        platformFamily = service.launchType == "FARGATE" ? "Linux" : nil
        taskDefinition = service.taskDefinitionArn
        deployments = [Deployment(
            id: service.deploymentId, taskDefinition: service.taskDefinitionArn, desiredCount: service.desiredCount,
            pendingCount: service.pendingCount, runningCount: service.runningCount, createdAt: service.createdAt,
            updatedAt: service.createdAt + 180, launchType: service.launchType, platformVersion: service.platformVersion,
            rolloutStateReason: "ECS deployment \(service.deploymentId) completed.")]
        createdAt = service.createdAt
        propagateTags = service.propagateTags
        enableExecuteCommand = service.enableExecuteCommand
        tags = includeTags ? service.tags : nil
    }
}
