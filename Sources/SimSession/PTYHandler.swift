import NIOCore

/// Hands the bytes of a pty's master to its ``AgentSession`` (same event loop).
final class PTYHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let session: AgentSession

    init(session: AgentSession) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        session.ptyRead(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.ptyClosed()
    }

    /// EIO is how a pty master reports that no process holds the slave any more: end of output.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
