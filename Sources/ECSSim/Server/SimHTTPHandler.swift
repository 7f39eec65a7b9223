import NIOCore
import NIOHTTP1
import NIOWebSocket

/// Serves whole HTTP requests (after `NIOHTTPServerRequestAggregator`) with
/// ``SimulatorCore``: writes its answer, at once or after the injected latency, or closes the
/// connection for an injected reset. Keep-alive follows the request.
final class SimHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let core: SimulatorCore

    init(core: SimulatorCore) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        let body = request.body.map { Array($0.readableBytesView) } ?? []
        let response = core.respond(to: SimRequest(
            method: request.head.method.rawValue, uri: request.head.uri,
            headers: request.head.headers.map { (name: $0.name, value: $0.value) }, body: body,
            authority: Self.authority(of: context.channel.localAddress)))
        let keepAlive = request.head.isKeepAlive
        let version = request.head.version
        let core = self.core
        // The call stops counting as in flight before its answer is written, so a client that
        // sends its next call as soon as it has the answer never finds this one still counted.
        let answer = { (context: ChannelHandlerContext) in
            if response.isECSCall { core.stats.answered() }
            switch response.answer {
            case .reply(let reply): self.write(reply, version: version, keepAlive: keepAlive, context: context)
            case .reset: context.close(promise: nil)
            }
        }
        if response.delayMilliseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(response.delayMilliseconds))) {
                answer(context)
            }
        } else {
            answer(context)
        }
    }

    private func write(_ reply: HTTPReply, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Closes the connection, except when the hub declined a WebSocket upgrade: the request
    /// follows as plain HTTP and gets its 403.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOWebSocketUpgradeError { return }
        context.close(promise: nil)
    }

    /// `host:port` of the local end of a connection, an IPv6 host in brackets.
    static func authority(of address: SocketAddress?) -> String {
        guard let address, let host = address.ipAddress, let port = address.port else { return "127.0.0.1" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
