import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP server of `ecsnodes serve`: HTTP/1.1 with keep-alive on NIO, every request
/// answered by a ``NodeRouter``.
public final class NodeServer: Sendable {
    public let router: NodeRouter
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    /// Listens on `host:port` (port 0 picks a free one).
    public init(host: String, port: Int, router: NodeRouter) async throws {
        self.router = router
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(NodeServerHandler(router: router))
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Stops listening and closes every connection.
    public func close() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Turns each request into a ``NodeRouter`` call and writes its response; lives on its
/// channel's event loop.
final class NodeServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let router: NodeRouter
    private var head: HTTPRequestHead?

    init(router: NodeRouter) {
        self.router = router
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request): head = request
        case .body: break
        case .end:
            guard let request = head else { return }
            let response = router.respond(method: request.method.rawValue, uri: request.uri,
                                          headers: request.headers.map { ($0.name, $0.value) })
            var headers = HTTPHeaders(response.headers)
            headers.add(name: "Content-Length", value: String(response.status == 304 || request.method == HTTPMethod.HEAD ? 0 : response.body.count))
            if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
            let responseHead = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            if !response.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
            }
            let keepAlive = request.isKeepAlive
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { context.close(promise: nil) }
            }
        }
    }
}
