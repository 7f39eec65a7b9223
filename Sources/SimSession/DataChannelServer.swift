import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A minimal HTTP server around a ``SessionHub``, for tests, benchmarks and running the data
/// channel on its own (ecs-sim proper serves the hub from its ECS API server).
///
/// Routes: the hub's WebSocket upgrade; `POST /` with `X-Amz-Target: TrentService.*` to the
/// local KMS (unsigned); `POST /_sim/sessions` registers a session from a JSON
/// ``DataChannelServer/SessionRequest`` and answers `{sessionId, streamUrl, tokenValue}`;
/// `GET /_sim/stats` the hub's ``ChannelStats``; a refused upgrade gets 403, anything else 404.
public final class DataChannelServer: Sendable {
    /// The body of `POST /_sim/sessions`.
    public struct SessionRequest: Codable, Sendable {
        public var command: String
        public var workingDirectory: String?
        public var environment: [String: String]?
        public var kmsKeyId: String?
        public var target: String?
        public var faults: ChannelFaults?
    }

    public let hub: SessionHub
    /// The port bound (useful with port 0).
    public let port: Int
    private let channel: any Channel
    private let group: any EventLoopGroup
    private let ownsGroup: Bool

    private init(hub: SessionHub, port: Int, channel: any Channel, group: any EventLoopGroup, ownsGroup: Bool) {
        self.hub = hub
        self.port = port
        self.channel = channel
        self.group = group
        self.ownsGroup = ownsGroup
    }

    /// Binds `host:port` (port 0: any free port). Without a `group`, one of
    /// `System.coreCount` threads is made and shut down with the server.
    public static func start(hub: SessionHub, host: String = "127.0.0.1", port: Int = 0,
                             group: (any EventLoopGroup)? = nil) async throws -> DataChannelServer {
        let loops = group ?? MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let channel = try await ServerBootstrap(group: loops)
            .serverChannelOption(ChannelOptions.backlog, value: 4096)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [hub.makeUpgrader()], completionHandler: { context in
                            context.pipeline.removeHandler(name: "sim-http", promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(DataChannelHTTPHandler(hub: hub), name: "sim-http")
                }
            }
            .bind(host: host, port: port).get()
        let bound = channel.localAddress?.port ?? port
        return DataChannelServer(hub: hub, port: bound, channel: channel, group: loops, ownsGroup: group == nil)
    }

    /// `http://127.0.0.1:<port>`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The stream URL of `sessionId`, as ExecuteCommand gives it.
    public func streamURL(sessionId: String) -> String {
        "ws://127.0.0.1:\(port)/v1/data-channel/\(sessionId)?role=publish_subscribe"
    }

    /// Ends every session, closes the listener, and shuts the event loops down if they are ours.
    public func shutdown() async throws {
        hub.closeAllSessions()
        try await channel.close()
        if ownsGroup { try await group.shutdownGracefully() }
    }
}

/// Plain HTTP requests of ``DataChannelServer``.
final class DataChannelHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let hub: SessionHub
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(hub: SessionHub) { self.hub = hub }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let (status, response) = answer(head)
            self.head = nil
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
            headers.add(name: "Content-Length", value: String(response.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                          promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response)))),
                          promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    private func answer(_ head: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        if head.method == .POST, let target = head.headers.first(name: "X-Amz-Target"),
           target.hasPrefix("TrentService.") {
            let (status, body) = hub.kms(action: target, body: body)
            return (HTTPResponseStatus(statusCode: status), body)
        }
        let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
        switch (head.method, path) {
        case (.POST, "/_sim/sessions"):
            return registerSession(head)
        case (.GET, "/_sim/stats"):
            return (.ok, Array((try? JSONEncoder().encode(hub.stats())) ?? Data()))
        default:
            if let status = hub.refusedUpgradeStatus(for: head) {
                return (status, Array(#"{"message":"data channel upgrade refused"}"#.utf8))
            }
            return (.notFound, Array(#"{"message":"not found"}"#.utf8))
        }
    }

    private func registerSession(_ head: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        guard let request = try? JSONDecoder().decode(DataChannelServer.SessionRequest.self, from: Data(body)) else {
            return (.badRequest, Array(#"{"message":"expected {\"command\": …}"}"#.utf8))
        }
        let id = "ecs-execute-command-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(26)
        let token = Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        hub.register(SessionSpec(
            sessionId: id, token: token, command: request.command,
            workingDirectory: request.workingDirectory ?? NSTemporaryDirectory(),
            environment: request.environment ?? ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            kmsKeyId: request.kmsKeyId, target: request.target ?? "ecs:sim_task_runtime",
            faults: request.faults ?? ChannelFaults()))
        let host = head.headers.first(name: "Host") ?? "127.0.0.1"
        let session = ["sessionId": id, "streamUrl": "ws://\(host)/v1/data-channel/\(id)?role=publish_subscribe",
                       "tokenValue": token]
        return (.ok, Array((try? JSONEncoder().encode(session)) ?? Data()))
    }
}
