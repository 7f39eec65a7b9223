import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The agent side of ecs-sim: sessions registered by ExecuteCommand, served over
/// WebSocket at `/v1/data-channel/<sessionId>`, plus the local KMS the handshake needs.
///
/// Placeholder of the seam; the data-channel work fills it in.
public final class SessionHub: Sendable {
    /// `verifyUpgrade` decides whether a WebSocket upgrade request is acceptably signed
    /// (SigV4, service `ssmmessages`); ECSSim supplies it.
    public init(verifyUpgrade: @escaping @Sendable (HTTPRequestHead) -> Bool) {}

    /// Makes `spec` connectable; called by ExecuteCommand before it answers.
    public func register(_ spec: SessionSpec) {}

    /// The upgrader to put in the HTTP server pipeline; it accepts only
    /// `/v1/data-channel/<registered sessionId>`.
    public func makeUpgrader() -> NIOWebSocketServerUpgrader {
        NIOWebSocketServerUpgrader(
            shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(nil) },
            upgradePipelineHandler: { channel, _ in channel.eventLoop.makeSucceededFuture(()) })
    }

    /// Answers a KMS JSON 1.1 call (`X-Amz-Target: TrentService.<Action>`): status and body.
    public func kms(action: String, body: [UInt8]) -> (status: Int, body: [UInt8]) {
        (400, Array(#"{"__type":"UnknownOperationException","message":"not implemented"}"#.utf8))
    }

    /// Frame counts for `/_sim/stats`.
    public func stats() -> ChannelStats { ChannelStats() }
}

/// Counters of the data channel, reported by `GET /_sim/stats`.
public struct ChannelStats: Sendable, Codable, Equatable {
    public var sessionsOpened = 0
    public var sessionsClosed = 0
    public var framesSent = 0
    public var framesResent = 0
    public var framesDropped = 0
    public var framesDuplicated = 0
    public var framesReordered = 0
    public var acksReceived = 0
    public var acksLost = 0
    public init() {}
}
