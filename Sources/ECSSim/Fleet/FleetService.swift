/// A service of a cluster.
struct FleetService: Sendable {
    var name: String
    var arn: String
    var taskDefinitionArn: String
    var launchType: String
    var platformVersion: String?
    var enableExecuteCommand: Bool
    var propagateTags: String
    var tags: [FleetTag]
    var createdAt: Double
    /// The `ecs-svc/…` id of its one deployment; its tasks' `startedBy`.
    var deploymentId: String
    /// Its tasks by `lastStatus`; `desiredCount` is the running and pending ones.
    var runningCount: Int
    var pendingCount: Int

    var desiredCount: Int { runningCount + pendingCount }
}
