/// Everything the data channel needs to serve one session, handed over by ECSSim's
/// ExecuteCommand handler (the seam between the two halves of ecs-sim).
public struct SessionSpec: Sendable, Hashable {
    /// `ecs-execute-command-<random>`, also the last path segment of the stream URL.
    public var sessionId: String
    /// The token the client must send in its open frame (`TokenValue`).
    public var token: String
    /// The command ExecuteCommand asked for, run as `/bin/sh -c COMMAND` in a PTY.
    public var command: String
    /// The container's working directory (created if missing).
    public var workingDirectory: String
    /// Environment of the command, container-like: HOSTNAME, ECS_CONTAINER_METADATA_URI_V4…
    public var environment: [String: String]
    /// The cluster's KMS key id when `executeCommandConfiguration.kmsKeyId` is set: the
    /// session then starts with the KMS handshake.
    public var kmsKeyId: String?
    /// `ecs:<clusterName>_<taskId>_<runtimeId>`, the KMS encryption context's target.
    public var target: String
    /// Faults to inject on this session's channel.
    public var faults: ChannelFaults

    public init(sessionId: String, token: String, command: String, workingDirectory: String,
                environment: [String: String], kmsKeyId: String?, target: String, faults: ChannelFaults) {
        self.sessionId = sessionId
        self.token = token
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.kmsKeyId = kmsKeyId
        self.target = target
        self.faults = faults
    }
}
