import DataChannel
import NIOCore
import NIOHTTP1
import NIOWebSocket
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The agent side of ecs-sim: sessions registered by ExecuteCommand, served over
/// WebSocket at `/v1/data-channel/<sessionId>`, plus the local KMS the handshake needs.
///
/// Each connected session is an ``AgentSession`` confined to its WebSocket's event loop,
/// with its command in a real pty read through a NIO pipe channel on that same loop: no
/// thread per session. A session can be connected once; it is forgotten when it ends.
public final class SessionHub: Sendable {
    /// Timings and limits of the simulated agent.
    public struct Settings: Sendable {
        /// How long a finished session keeps retransmitting unacknowledged output before it
        /// gives up and sends channel_closed.
        public var drainTimeout: Duration = .seconds(3)
        /// How long a connection may take to send its open frame.
        public var openTimeout: Duration = .seconds(30)
        /// The agent's handshake timeout.
        public var handshakeTimeout: Duration = .seconds(15)
        /// Largest WebSocket frame accepted from a client.
        public var maxFrameSize = 1 << 20
        /// Unacknowledged output messages at which pty reads pause (they resume at a quarter).
        public var maxUnacknowledgedOutput = 512
        /// AgentVersion in the HandshakeRequest.
        public var agentVersion = "3.3.1611.0"
        /// Send a random `Challenge` with KMSEncryption and require it back, as newer agents
        /// configured with `Kms.RequireKMSChallengeResponse` do: the data key must be generated
        /// with it in the encryption context, and the client must acknowledge it.
        public var requiresKMSChallenge = false
        /// Session Manager's idle timeout: with no input from the client (keystrokes or a
        /// terminal size; acknowledgements and the command's output do not count) for this
        /// long, the session ends with channel_closed and the service's words, as ECS Exec
        /// does after 20 minutes. nil never.
        public var idleTimeout: Duration?

        public init() {}
    }

    struct Registry {
        var pending: [String: SessionSpec] = [:]
        var active: [String: AgentSession] = [:]
    }

    let settings: Settings
    let localKMS = LocalKMS()
    private let verifyUpgrade: @Sendable (HTTPRequestHead) -> Bool
    private let registry = Mutex(Registry())
    private let counters = Mutex(ChannelStats())

    /// `verifyUpgrade` decides whether a WebSocket upgrade request is acceptably signed
    /// (SigV4, service `ssmmessages`); ECSSim supplies it.
    ///
    /// Raises this process's open-file limit to its hard limit (a session holds a socket and
    /// two pty descriptors).
    public init(verifyUpgrade: @escaping @Sendable (HTTPRequestHead) -> Bool, settings: Settings = Settings()) {
        self.verifyUpgrade = verifyUpgrade
        self.settings = settings
        Self.raiseOpenFileLimit()
    }

    /// Makes `spec` connectable; called by ExecuteCommand before it answers. Its KMS key, if
    /// any, becomes known to the local KMS.
    public func register(_ spec: SessionSpec) {
        if let key = spec.kmsKeyId { localKMS.register(keyId: key) }
        registry.withLock { $0.pending[spec.sessionId] = spec }
    }

    /// Makes a KMS key known to GenerateDataKey without registering a session.
    public func registerKMSKey(_ keyId: String) {
        localKMS.register(keyId: keyId)
    }

    /// The upgrader to put in the HTTP server pipeline; it accepts only
    /// `GET /v1/data-channel/<registered sessionId>` requests that pass `verifyUpgrade`.
    ///
    /// A refused upgrade is handed on to the server's own HTTP handler, like any request;
    /// ``refusedUpgradeStatus(for:)`` says what to answer.
    public func makeUpgrader() -> NIOWebSocketServerUpgrader {
        NIOWebSocketServerUpgrader(
            maxFrameSize: settings.maxFrameSize,
            automaticErrorHandling: true,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(self.acceptsUpgrade(head) ? HTTPHeaders() : nil)
            },
            upgradePipelineHandler: { channel, head in
                self.startSession(on: channel, head: head)
            })
    }

    /// The status for a data-channel request that was not upgraded: 403 for
    /// `/v1/data-channel/…`, nil for other paths (not the hub's business).
    public func refusedUpgradeStatus(for head: HTTPRequestHead) -> HTTPResponseStatus? {
        head.uri.hasPrefix(Self.pathPrefix) ? .forbidden : nil
    }

    /// Answers a KMS JSON 1.1 call (`X-Amz-Target: TrentService.<Action>`): status and body.
    /// Supports GenerateDataKey and Decrypt; the action may be given with or without the
    /// `TrentService.` prefix.
    public func kms(action: String, body: [UInt8]) -> (status: Int, body: [UInt8]) {
        localKMS.handle(action: action, body: body)
    }

    /// Frame counts for `/_sim/stats`.
    public func stats() -> ChannelStats {
        var stats = counters.withLock { $0 }
        stats.sessionsActive = registry.withLock { $0.active.count }
        return stats
    }

    /// Zeroes the frame counts (`POST /_sim/reset`); live sessions keep counting.
    public func resetStats() {
        counters.withLock { $0 = ChannelStats() }
    }

    /// Ends every connected session (kills its process group, closes its WebSocket).
    public func closeAllSessions() {
        for session in registry.withLock({ Array($0.active.values) }) {
            session.eventLoop.execute { session.abort() }
        }
    }

    // MARK: - Internals

    static let pathPrefix = "/v1/data-channel/"

    /// The session id of a data-channel URI (query ignored), or nil.
    public static func sessionId(inURI uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasPrefix(pathPrefix) else { return nil }
        let id = path.dropFirst(pathPrefix.count)
        guard !id.isEmpty, !id.contains("/") else { return nil }
        return String(id)
    }

    func record(_ update: (inout ChannelStats) -> Void) {
        counters.withLock { update(&$0) }
    }

    private func acceptsUpgrade(_ head: HTTPRequestHead) -> Bool {
        let accepted = head.method == .GET
            && Self.sessionId(inURI: head.uri).map { id in registry.withLock { $0.pending[id] != nil } } == true
            && verifyUpgrade(head)
        if !accepted { record { $0.upgradesRefused += 1 } }
        return accepted
    }

    private func startSession(on channel: any Channel, head: HTTPRequestHead) -> EventLoopFuture<Void> {
        guard let id = Self.sessionId(inURI: head.uri),
              let spec = registry.withLock({ $0.pending.removeValue(forKey: id) }) else {
            record { $0.upgradesRefused += 1 }
            return channel.close()
        }
        let session = AgentSession(spec: spec, hub: self, channel: channel)
        registry.withLock { $0.active[id] = session }
        do {
            try channel.pipeline.syncOperations.addHandlers([
                NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 12,
                                            maxAccumulatedFrameSize: settings.maxFrameSize),
                DataChannelHandler(session: session),
            ])
            channel.eventLoop.scheduleTask(in: TimeAmount(settings.openTimeout)) { session.openTimedOut() }
            return channel.eventLoop.makeSucceededVoidFuture()
        } catch {
            sessionEnded(id)
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    func sessionEnded(_ id: String) {
        registry.withLock { _ = $0.active.removeValue(forKey: id) }
    }

    private static func raiseOpenFileLimit() {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }
}
