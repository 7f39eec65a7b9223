import Foundation

/// Why a data-channel session ended without the command's exit status.
public enum SessionError: Error, Sendable, Hashable {
    /// ExecuteCommand answered without a session (no stream URL or token).
    case noSession
    /// The KMS-encrypted handshake failed: no data key, or the keys do not agree.
    case kms(String)
    /// The agent broke the protocol.
    case protocolViolation(String)
    /// The agent acknowledged none of the resends of our oldest input.
    case agentNotAcknowledging(resends: Int)
    /// The connection ended before the command's exit status arrived.
    case lost(String)
    /// The session took longer than the time allowed.
    case timedOut(seconds: Double)
}

extension SessionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noSession: "ExecuteCommand returned no session (stream URL or token missing)"
        case .kms(let detail): "KMS-encrypted session: \(detail)"
        case .protocolViolation(let detail): "data channel protocol error: \(detail)"
        case .agentNotAcknowledging(let resends): "the agent acknowledged none of \(resends) resends of our input"
        case .lost(let detail): detail
        case .timedOut(let seconds): "timed out after \(Self.format(seconds))"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
