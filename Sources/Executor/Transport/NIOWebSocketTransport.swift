import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// A WebSocket client on swift-nio: NIOWebSocket's client upgrader over a TCP connection,
/// with NIOSSL for `wss://`.
///
/// - TLS is always verified: the system's trust roots, or only the CA bundle given
///   (`--ca-bundle`, `AWS_CA_BUNDLE`); the host name is checked against the certificate (the
///   address, for a URL with an IP address).
/// - Frames up to ``maxFrameSize`` are accepted (NIO's default is 16 KiB), fragmented
///   messages are joined, every outgoing frame is masked, pings are answered, a `keepalive`
///   ping goes out every ``pingInterval``, and closing sends a close frame and waits (briefly)
///   for the peer's.
public struct NIOWebSocketTransport: WebSocketTransport {
    /// The largest frame accepted, and the largest message after joining fragments (× 4).
    public var maxFrameSize: Int
    /// How long a TCP connect (and the TLS and upgrade handshakes, each) may take.
    public var connectTimeout: Duration
    /// How often a quiet connection is pinged: 5 minutes, as session-manager-plugin does.
    public var pingInterval: Duration
    /// The HTTP proxies connections are tunnelled through (none by default; the CLI reads
    /// them from the environment, as curl does for the API calls).
    public var proxies: ProxyConfiguration
    let group: any EventLoopGroup
    let tls: TLSContextBox

    /// A transport verifying TLS with `caBundle` (a PEM file) when given, else the system's roots.
    public init(caBundle: String? = nil, maxFrameSize: Int = 1 << 22, connectTimeout: Duration = .seconds(15),
                pingInterval: Duration = .seconds(300), proxies: ProxyConfiguration = ProxyConfiguration(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.maxFrameSize = maxFrameSize
        self.connectTimeout = connectTimeout
        self.pingInterval = pingInterval
        self.proxies = proxies
        self.group = group
        self.tls = TLSContextBox(caBundle: caBundle)
    }

    public func withConnection<Result: Sendable>(
        _ request: WebSocketRequest,
        _ body: (any WebSocketConnection) async throws -> Result
    ) async throws -> Result {
        let url = try WebSocketURL(request.url)
        let channel = try await connect(url, request)
        return try await channel.executeThenClose { inbound, outbound in
            let connection = NIOWebSocketConnection(outbound: outbound, maxFrameSize: maxFrameSize)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await connection.read(inbound) }
                group.addTask { [pingInterval] in await connection.keepAlive(every: pingInterval) }
                do {
                    let result = try await body(connection)
                    await connection.close(waiting: .seconds(2))
                    connection.shutdown()
                    group.cancelAll()
                    return result
                } catch {
                    await connection.close(waiting: .milliseconds(200))
                    connection.shutdown()
                    group.cancelAll()
                    throw error
                }
            }
        }
    }

    enum UpgradeResult: Sendable {
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
        case notUpgraded(NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>)
    }

    /// Opens TCP (and TLS), sends the upgrade request and returns the WebSocket channel.
    private func connect(_ url: WebSocketURL, _ request: WebSocketRequest) async throws -> NIOAsyncChannel<WebSocketFrame, WebSocketFrame> {
        let sslContext = url.secure ? try tls.context() : nil
        var headers = HTTPHeaders()
        if !request.headers.contains(where: { $0.name.lowercased() == "host" }) { headers.add(name: "Host", value: url.authority) }
        for header in request.headers { headers.add(name: header.name, value: header.value) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.target, headers: headers)
        let maxFrameSize = self.maxFrameSize
        let proxy = try proxies.proxy(for: url)
        let connected: (any Channel, EventLoopFuture<UpgradeResult>)
        do {
            connected = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(connectTimeout.nanoseconds))
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .connect(host: proxy?.host ?? url.host, port: proxy?.port ?? url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let proxy {
                            try channel.pipeline.syncOperations.addHandler(ProxyTunnelHandler(proxy: proxy, target: url.hostAndPort))
                        }
                        if let sslContext {
                            let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: url.hostIsAddress ? nil : url.host)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        // Without NIO's automatic error handling, a frame over the limit reaches the
                        // read loop as an error it can name (it answers 1009 itself).
                        let upgrader = NIOTypedWebSocketClientUpgrader<UpgradeResult>(
                            maxFrameSize: maxFrameSize, enableAutomaticErrorHandling: false) { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: maxFrameSize * 4))
                                return .websocket(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
                            }
                        }
                        let configuration = NIOTypedHTTPClientUpgradeConfiguration<UpgradeResult>(
                            upgradeRequestHead: head, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { channel in
                                channel.eventLoop.makeCompletedFuture {
                                    .notUpgraded(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
                                }
                            })
                        let upgraded = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                            configuration: .init(upgradeConfiguration: configuration))
                        return (channel, upgraded)
                    }
                }
        } catch {
            if let proxy { throw WebSocketError.proxyFailed(proxy: proxy.authority, reason: "cannot connect to it: \(Self.reason(error))") }
            throw WebSocketError.connectFailed(host: url.host, port: url.port, reason: Self.reason(error))
        }
        let result: UpgradeResult
        do {
            let channel = connected.0
            result = try await value(of: connected.1, within: connectTimeout, what: "the WebSocket upgrade") { channel.close(promise: nil) }
        } catch let error as WebSocketError {
            throw error
        } catch let error as NIOSSLError {
            throw WebSocketError.tlsFailed(host: url.host, reason: "\(error)")
        } catch let error as NIOSSLExtraError {
            throw WebSocketError.tlsFailed(host: url.host, reason: "\(error)")
        } catch let error as NIOHTTPClientUpgradeError {
            throw WebSocketError.badHandshake(reason: "\(error)")
        } catch {
            throw WebSocketError.connectionLost(reason: Self.reason(error))
        }
        switch result {
        case .websocket(let channel):
            return channel
        case .notUpgraded(let channel):
            throw await Self.refusal(channel)
        }
    }

    /// The error for an upgrade answered with a plain HTTP response: its status and the start of its body.
    private static func refusal(_ channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>) async -> WebSocketError {
        let answer = try? await withDeadline(.seconds(2), what: "the refusal") {
            try await channel.executeThenClose { inbound, _ in
                var status = 0, body: [UInt8] = []
                for try await part in inbound {
                    switch part {
                    case .head(let head): status = Int(head.status.code)
                    case .body(let buffer): if body.count < 1024 { body += Array(buffer.readableBytesView.prefix(1024)) }
                    case .end: return (status, body)
                    }
                }
                return (status, body)
            }
        }
        guard let answer else { return .badHandshake(reason: "the server did not switch protocols") }
        return .upgradeRefused(status: answer.0, body: String(decoding: answer.1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connect timed out" }
        return "\(error)"
    }
}

/// Builds the TLS context once, on first use, and shares it between connections (loading the
/// trust roots is the expensive part).
final class TLSContextBox: Sendable {
    let caBundle: String?
    private let cached = Mutex<Result<NIOSSLContext, any Error>?>(nil)

    init(caBundle: String?) {
        self.caBundle = caBundle
    }

    func context() throws -> NIOSSLContext {
        try cached.withLock { cached in
            if let cached { return try cached.get() }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            if let caBundle { configuration.trustRoots = .file(caBundle) }
            let result = Result { try NIOSSLContext(configuration: configuration) }
            cached = result
            return try result.get()
        }
    }
}

/// The value of `future`, or ``WebSocketError/timedOut(what:)`` once `limit` has passed
/// (after calling `onTimeout`, which should make the future fail, e.g. by closing its channel).
func value<T: Sendable>(
    of future: EventLoopFuture<T>, within limit: Duration, what: String, onTimeout: @escaping @Sendable () -> Void
) async throws -> T {
    let waiting = Mutex<CheckedContinuation<T, any Error>?>(nil)
    return try await withCheckedThrowingContinuation { continuation in
        waiting.withLock { $0 = continuation }
        let timer = future.eventLoop.scheduleTask(in: .nanoseconds(limit.nanoseconds)) {
            guard let continuation = waiting.withLock({ $0.take() }) else { return }
            onTimeout()
            continuation.resume(throwing: WebSocketError.timedOut(what: what))
        }
        future.whenComplete { result in
            timer.cancel()
            waiting.withLock { $0.take() }?.resume(with: result)
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}

/// Runs `operation`, throwing ``WebSocketError/timedOut(what:)`` if it takes longer than `limit`.
func withDeadline<T: Sendable>(_ limit: Duration, what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask { try? await Task.sleep(for: limit); return nil }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw WebSocketError.timedOut(what: what) }
        return value
    }
}
