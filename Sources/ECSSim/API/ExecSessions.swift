import Foundation
import SimSession

/// Starts exec sessions: builds the ``SessionSpec`` of a container (command, working
/// directory, container-like environment, KMS key, target, faults), registers it with the
/// hub, and returns what ExecuteCommand answers with.
struct ExecSessions: Sendable {
    let hub: SessionHub
    /// Where each container's working directory is made: `<state>/<cluster>/<task id>/<container>`.
    let stateDirectory: String

    /// Registers a session running `command` in `container` and returns its id, stream URL and token.
    func start(
        command: String, task: FleetTask, container: FleetContainer, cluster: FleetCluster, context: ECSAPI.CallContext
    ) throws(APIError) -> ExecuteCommandResponse.Session {
        var random = SystemRandomNumberGenerator()
        let sessionId = "ecs-execute-command-" + Self.characters(26, from: "abcdefghijklmnopqrstuvwxyz0123456789", using: &random)
        let token = Data((0..<192).map { _ in UInt8.random(in: .min ... .max, using: &random) }).base64EncodedString()
        let directory = [stateDirectory, cluster.name, task.id, container.name].joined(separator: "/")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .server
        }
        hub.register(SessionSpec(
            sessionId: sessionId, token: token, command: command, workingDirectory: directory,
            environment: environment(task: task, container: container, home: directory), kmsKeyId: cluster.kmsKeyId,
            target: "ecs:\(cluster.name)_\(task.id)_\(container.runtimeId)", faults: context.channelFaults()))
        let cell = Self.characters(32, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", using: &random)
        return ExecuteCommandResponse.Session(
            sessionId: sessionId,
            streamUrl: "ws://\(context.authority)/v1/data-channel/\(sessionId)?role=publish_subscribe&cell-number=\(cell)",
            tokenValue: token)
    }

    /// What a shell in the container would see: its host name, the task metadata endpoints,
    /// the task's region, a PATH, and HOME (the working directory, so nothing escapes the state dir).
    func environment(task: FleetTask, container: FleetContainer, home: String) -> [String: String] {
        [
            "HOSTNAME": task.hostname(of: container),
            "ECS_CONTAINER_METADATA_URI_V4": "http://169.254.170.2/v4/\(container.runtimeId)",
            "ECS_CONTAINER_METADATA_URI": "http://169.254.170.2/v3/\(container.runtimeId)",
            "AWS_EXECUTION_ENV": task.launchType == "FARGATE" ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2",
            "AWS_REGION": task.region,
            "AWS_DEFAULT_REGION": task.region,
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": home,
        ]
    }

    static func characters(_ count: Int, from alphabet: String, using random: inout some RandomNumberGenerator) -> String {
        let letters = Array(alphabet)
        return String((0..<count).map { _ in letters.randomElement(using: &random)! })
    }
}
