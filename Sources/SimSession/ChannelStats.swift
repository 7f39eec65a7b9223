/// Counters of the data channel, reported by `GET /_sim/stats`.
///
/// `framesSent` counts every binary frame written to a WebSocket (first sends, resends,
/// duplicates, acknowledgements, channel_closed); `framesDropped`, `framesDuplicated` and
/// `framesReordered` count the faults injected into outgoing output and acknowledgements,
/// `acksLost` the acknowledgements the agent did not send (``ChannelFaults/lostAckRate``).
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
    /// Sessions whose WebSocket is connected now.
    public var sessionsActive = 0
    /// Upgrades refused: unknown or already connected session, failed `verifyUpgrade`.
    public var upgradesRefused = 0
    /// Open frames with a wrong or missing token.
    public var tokensRejected = 0
    /// Binary frames received.
    public var framesReceived = 0
    /// Received frames that failed validation (dropped without an acknowledgement).
    public var framesRejected = 0
    /// Acknowledgements the agent sent (before faults).
    public var acksSent = 0
    /// KMS handshakes completed, and failed (bad key, context or challenge, timeout).
    public var handshakesCompleted = 0
    public var handshakesFailed = 0
    /// Sessions ended by the disconnect-after-bytes fault.
    public var abruptDisconnects = 0
    /// Sessions that gave up waiting for acknowledgements of their last output.
    public var drainTimeouts = 0
    /// WebSocket pings received (and answered) from clients.
    public var pingsReceived = 0
    /// Terminal sizes received from clients (the first, resizes and idle refreshes).
    public var sizesReceived = 0
    /// Sessions ended by the idle timeout (``SessionHub/Settings/idleTimeout``).
    public var idleTimeouts = 0
    public init() {}
}
