import NIOCore

/// Opens a `CONNECT` tunnel through an HTTP proxy at the bottom of a pipeline, before TLS and
/// the WebSocket upgrade: it asks for the tunnel as soon as the socket is up, holds back what
/// the handlers above write (the TLS ClientHello, the upgrade request) until the proxy answers
/// 200, then lets everything through and leaves the pipeline. Any other answer fails the
/// connection with ``WebSocketError/proxyFailed(proxy:reason:)``.
final class ProxyTunnelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let proxy: ProxyEndpoint
    /// `host:port` of the WebSocket server.
    private let target: String
    private var answer = ByteBuffer()
    private var held: [(data: IOData, promise: EventLoopPromise<Void>?)] = []
    private var open = false

    /// The longest proxy answer read before giving up on it.
    static let maxAnswerSize = 16 * 1024

    init(proxy: ProxyEndpoint, target: String) {
        self.proxy = proxy
        self.target = target
    }

    func channelActive(context: ChannelHandlerContext) {
        var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
        if let authorization = proxy.authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "\r\n"
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer(string: request))), promise: nil)
        context.fireChannelActive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard open else { return held.append((unwrapOutboundIn(data), promise)) }
        context.write(data, promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
        if open { context.flush() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !open else { return context.fireChannelRead(data) }
        var bytes = unwrapInboundIn(data)
        answer.writeBuffer(&bytes)
        let view = answer.readableBytesView
        guard let end = view.firstRange(of: [13, 10, 13, 10]) else {
            if view.count > Self.maxAnswerSize { fail(context, "its answer to CONNECT has no end") }
            return
        }
        let head = String(decoding: view[view.startIndex..<end.lowerBound], as: UTF8.self)
        // "\r\n" is one Character in Swift: split on it, not on "\r".
        let statusLine = head.split(separator: "\r\n", maxSplits: 1).first ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1] == "200" else {
            let hint = parts.count >= 2 && parts[1] == "407" ? " (the proxy wants credentials: user:password@ in the proxy URL)" : ""
            return fail(context, "CONNECT \(target) was answered \(statusLine)\(hint)")
        }
        open = true
        answer.moveReaderIndex(to: answer.readerIndex + (end.upperBound - view.startIndex))
        for (data, promise) in held { context.write(wrapOutboundOut(data), promise: promise) }
        held.removeAll()
        context.flush()
        if answer.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(answer)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !open { failHeld(WebSocketError.proxyFailed(proxy: proxy.authority, reason: "it closed the connection before answering CONNECT")) }
        context.fireChannelInactive()
    }

    private func fail(_ context: ChannelHandlerContext, _ reason: String) {
        let error = WebSocketError.proxyFailed(proxy: proxy.authority, reason: reason)
        failHeld(error)
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }

    private func failHeld(_ error: any Error) {
        let waiting = held
        held.removeAll()
        for (_, promise) in waiting { promise?.fail(error) }
    }
}
