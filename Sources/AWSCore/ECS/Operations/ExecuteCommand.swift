extension ECS {
    /// `ExecuteCommand`: starts an ECS Exec session in one container of a running task and
    /// returns the Session Manager data channel to speak to it (ssm-data-channel.md §9).
    ///
    /// ECS only starts interactive sessions: `interactive` must be `true` (`false` is answered
    /// with `InvalidParameterException`). The agent runs `command` in a PTY; it is not given to
    /// a shell, so callers wrap it in `/bin/sh -c '…'` themselves.
    public struct ExecuteCommandRequest: ECSRequest, Hashable {
        public typealias Response = ExecuteCommandResponse
        public static let action = "ExecuteCommand"

        /// Name or ARN; nil means the `default` cluster.
        public var cluster: String?
        /// The container's name; needed when the task has more than one container.
        public var container: String?
        /// The command line the agent runs.
        public var command: String
        /// Always `true`: the only mode ECS supports.
        public var interactive: Bool
        /// The task's id or ARN.
        public var task: String

        public init(cluster: String? = nil, container: String? = nil, command: String, interactive: Bool = true, task: String) {
            self.cluster = cluster
            self.container = container
            self.command = command
            self.interactive = interactive
            self.task = task
        }

        public var clusterName: String? { cluster }
    }

    public struct ExecuteCommandResponse: Codable, Sendable, Hashable {
        public var clusterArn: String?
        public var containerArn: String?
        public var containerName: String?
        public var interactive: Bool?
        public var taskArn: String?
        /// The data channel: its id, WebSocket URL and the token of its open frame.
        public var session: Session?

        public init(clusterArn: String? = nil, containerArn: String? = nil, containerName: String? = nil,
                    interactive: Bool? = nil, taskArn: String? = nil, session: Session? = nil) {
            self.clusterArn = clusterArn
            self.containerArn = containerArn
            self.containerName = containerName
            self.interactive = interactive
            self.taskArn = taskArn
            self.session = session
        }
    }

    /// A Session Manager session as ExecuteCommand returns it.
    ///
    /// `tokenValue` authorises the data channel; ``description`` never shows it.
    public struct Session: Codable, Sendable, Hashable, CustomStringConvertible {
        /// `ecs-execute-command-<id>`.
        public var sessionId: String?
        /// `wss://ssmmessages.<region>.amazonaws.com/v1/data-channel/<sessionId>?role=publish_subscribe…`.
        public var streamUrl: String?
        /// The secret the client sends in its open frame (`TokenValue`).
        public var tokenValue: String?

        public init(sessionId: String? = nil, streamUrl: String? = nil, tokenValue: String? = nil) {
            self.sessionId = sessionId
            self.streamUrl = streamUrl
            self.tokenValue = tokenValue
        }

        public var description: String {
            "Session(sessionId: \(sessionId ?? "nil"), streamUrl: \(streamUrl ?? "nil"), tokenValue: \(tokenValue == nil ? "nil" : "<redacted>"))"
        }
    }
}

extension ECSClient {
    /// `ExecuteCommand`: a session in one container; throttling and 5xx answers are retried
    /// by ``retryPolicy``.
    public func executeCommand(_ request: ECS.ExecuteCommandRequest) async throws -> ECS.ExecuteCommandResponse {
        try await send(request)
    }
}
