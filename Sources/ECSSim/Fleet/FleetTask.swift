/// A task, with everything DescribeTasks reports about it.
struct FleetTask: Sendable {
    var region: String
    var id: String
    var arn: String
    var clusterName: String
    var clusterArn: String
    var taskDefinitionArn: String
    var family: String
    var serviceName: String?
    var group: String
    var startedBy: String?
    var launchType: String
    var platformVersion: String?
    var availabilityZone: String
    var containerInstanceArn: String?
    /// The elastic network interface of an `awsvpc` task.
    var eni: FleetENI?
    var lastStatus: String
    var desiredStatus: String
    var healthStatus: String
    var enableExecuteCommand: Bool
    var tags: [FleetTag]
    var cpu: String?
    var memory: String?
    var createdAt: Double
    var connectivityAt: Double
    var pullStartedAt: Double
    var pullStoppedAt: Double?
    var startedAt: Double?
    var stoppingAt: Double?
    var stoppedAt: Double?
    var stopCode: String?
    var stoppedReason: String?
    var version: Int
    var containers: [FleetContainer]

    /// What the container's `HOSTNAME` is: the ENI's private DNS name for `awsvpc` tasks,
    /// else the first 12 characters of the container's runtime id (Docker's short id).
    func hostname(of container: FleetContainer) -> String {
        eni?.privateDnsName ?? String(container.runtimeId.prefix(12))
    }
}

/// An `awsvpc` task's network interface.
struct FleetENI: Sendable {
    var attachmentId: String
    var networkInterfaceId: String
    var subnetId: String
    var macAddress: String
    var privateIPv4Address: String
    var privateDnsName: String
}

/// A container of a task.
struct FleetContainer: Sendable {
    var name: String
    var arn: String
    var image: String
    var imageDigest: String
    var runtimeId: String
    var lastStatus: String
    var healthStatus: String
    var exitCode: Int?
    /// CPU units as ECS reports them (`"0"` when the definition reserves none).
    var cpu: String
    var memory: String?
    var memoryReservation: String?
    /// Host ports of a bridge-mode container: (container port, host port).
    var portBindings: [(containerPort: Int, hostPort: Int)]
    /// The `ExecuteCommandAgent`'s status; nil when the task runs without ECS Exec.
    var agentStatus: String?
    var agentStartedAt: Double?
}
