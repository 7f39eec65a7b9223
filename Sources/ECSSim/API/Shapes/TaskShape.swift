/// A `Task` as DescribeTasks returns it (aws-core.md §4.3).
struct TaskShape: Encodable {
    struct Attachment: Encodable {
        var id: String
        var type = "ElasticNetworkInterface"
        var status: String
        var details: [NameValue]
    }

    struct NameValue: Encodable {
        var name: String
        var value: String
    }

    struct Overrides: Encodable {
        var containerOverrides: [[String: String]]
        var inferenceAcceleratorOverrides: [String] = []
    }

    var attachments: [Attachment]
    var attributes = [NameValue(name: "ecs.cpu-architecture", value: "x86_64")]
    var availabilityZone: String
    var capacityProviderName: String?
    var clusterArn: String
    var connectivity: String?
    var connectivityAt: Double
    var containerInstanceArn: String?
    var containers: [ContainerShape]
    var cpu: String?
    var createdAt: Double
    var desiredStatus: String
    var enableExecuteCommand: Bool
    var ephemeralStorage: [String: Int]?
    var group: String
    var healthStatus: String
    var lastStatus: String
    var launchType: String
    var memory: String?
    var overrides: Overrides
    var platformFamily: String?
    var platformVersion: String?
    var pullStartedAt: Double
    var pullStoppedAt: Double?
    var startedAt: Double?
    var startedBy: String?
    var stopCode: String?
    var stoppedAt: Double?
    var stoppedReason: String?
    var stoppingAt: Double?
    var executionStoppedAt: Double?
    var tags: [FleetTag]?
    var taskArn: String
    var taskDefinitionArn: String
    var version: Int

    init(_ task: FleetTask, includeTags: Bool) {
        let fargate = task.launchType == "FARGATE"
        let stopped = task.lastStatus == "STOPPED"
        attachments = task.eni.map { eni in
            [Attachment(id: eni.attachmentId, status: stopped ? "DELETED" : "ATTACHED", details: [
                NameValue(name: "subnetId", value: eni.subnetId),
                NameValue(name: "networkInterfaceId", value: eni.networkInterfaceId),
                NameValue(name: "macAddress", value: eni.macAddress),
                NameValue(name: "privateDnsName", value: eni.privateDnsName),
                NameValue(name: "privateIPv4Address", value: eni.privateIPv4Address),
            ])]
        } ?? []
        availabilityZone = task.availabilityZone
        capacityProviderName = fargate ? "FARGATE" : nil
        clusterArn = task.clusterArn
        connectivity = stopped ? nil : "CONNECTED"
        connectivityAt = task.connectivityAt
        containerInstanceArn = task.containerInstanceArn
        containers = task.containers.map { ContainerShape($0, of: task) }
        cpu = task.cpu
        createdAt = task.createdAt
        desiredStatus = task.desiredStatus
        enableExecuteCommand = task.enableExecuteCommand
        ephemeralStorage = fargate ? ["sizeInGiB": 20] : nil
        group = task.group
        healthStatus = task.healthStatus
        lastStatus = task.lastStatus
        launchType = task.launchType
        memory = task.memory
        overrides = Overrides(containerOverrides: task.containers.map { ["name": $0.name] })
        platformFamily = fargate ? "Linux" : nil
        platformVersion = task.platformVersion
        pullStartedAt = task.pullStartedAt
        pullStoppedAt = task.pullStoppedAt
        startedAt = task.startedAt
        startedBy = task.startedBy
        stopCode = task.stopCode
        stoppedAt = task.stoppedAt
        stoppedReason = task.stoppedReason
        stoppingAt = task.stoppingAt
        executionStoppedAt = task.stoppedAt
        tags = includeTags ? task.tags : nil
        taskArn = task.arn
        taskDefinitionArn = task.taskDefinitionArn
        version = task.version
    }
}

/// A `Container` of a task (aws-core.md §4.4); `cpu`, `memory` and `memoryReservation` are
/// strings, as in the model.
struct ContainerShape: Encodable {
    struct NetworkBinding: Encodable {
        var bindIP = "0.0.0.0"
        var containerPort: Int
        var hostPort: Int
        var `protocol` = "tcp"
    }

    struct NetworkInterface: Encodable {
        var attachmentId: String
        var privateIpv4Address: String
    }

    struct ManagedAgent: Encodable {
        var lastStartedAt: Double?
        var name = "ExecuteCommandAgent"
        var lastStatus: String
    }

    var containerArn: String
    var taskArn: String
    var name: String
    var image: String
    var imageDigest: String
    var runtimeId: String
    var lastStatus: String
    var exitCode: Int?
    var networkBindings: [NetworkBinding]
    var networkInterfaces: [NetworkInterface]
    var healthStatus: String
    var managedAgents: [ManagedAgent]?
    var cpu: String
    var memory: String?
    var memoryReservation: String?

    init(_ container: FleetContainer, of task: FleetTask) {
        containerArn = container.arn
        taskArn = task.arn
        name = container.name
        image = container.image
        imageDigest = container.imageDigest
        runtimeId = container.runtimeId
        lastStatus = container.lastStatus
        exitCode = container.exitCode
        networkBindings = container.portBindings.map { NetworkBinding(containerPort: $0.containerPort, hostPort: $0.hostPort) }
        networkInterfaces = task.eni.map { eni in
            [NetworkInterface(attachmentId: eni.attachmentId, privateIpv4Address: eni.privateIPv4Address)]
        } ?? []
        healthStatus = container.healthStatus
        managedAgents = container.agentStatus.map { [ManagedAgent(lastStartedAt: container.agentStartedAt, lastStatus: $0)] }
        cpu = container.cpu
        memory = container.memory
        memoryReservation = container.memoryReservation
    }
}
