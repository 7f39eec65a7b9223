/// How one node's command ended.
public struct NodeResult: Sendable, Hashable {
    /// The outcome, in the terms the summary and exit status use.
    public enum Status: Sendable, Hashable {
        /// The command ran and exited 0.
        case ok
        /// The command ran and exited with this non-zero status (128 + n: killed by signal n).
        case failed(Int32)
        /// The session started but ended without the exit status: a disconnect, a timeout, an
        /// agent that stopped answering. The command may or may not have run to its end.
        case lost(String)
        /// The session could not be started: ExecuteCommand or the WebSocket failed.
        case error(String)
        /// The node was not run.
        case skipped(SkipReason)
    }

    public var node: String
    public var status: Status
    /// From the ExecuteCommand call to the end of the session; 0 when skipped.
    public var duration: Duration
    public var statistics: ChannelStatistics

    public init(node: String, status: Status, duration: Duration = .zero, statistics: ChannelStatistics = ChannelStatistics()) {
        self.node = node
        self.status = status
        self.duration = duration
        self.statistics = statistics
    }

    /// The exit status, when the command reported one.
    public var exitStatus: Int32? {
        switch status {
        case .ok: 0
        case .failed(let status): status
        default: nil
        }
    }

    /// What went wrong, in a line; nil for a command that ran (whatever its status).
    public var errorText: String? {
        switch status {
        case .ok, .failed: nil
        case .lost(let text), .error(let text): text
        case .skipped(let reason): "skipped: \(reason)"
        }
    }

    /// Whether this counts as a failure for `--keep-going`.
    public var isFailure: Bool {
        switch status {
        case .ok, .skipped: false
        case .failed, .lost, .error: true
        }
    }
}
