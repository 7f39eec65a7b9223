import NIOCore
import NIOWebSocket

/// WebSocket frames of one data channel to its ``AgentSession``: text and binary messages
/// (aggregated), pings answered, close frames and disconnects passed on.
final class DataChannelHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let session: AgentSession

    init(session: AgentSession) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            var data = frame.unmaskedData
            let bytes = data.readBytes(length: data.readableBytes) ?? []
            frame.opcode == .text ? session.receivedText(bytes) : session.receivedBinary(bytes)
        case .ping:
            session.hub.record { $0.pingsReceived += 1 }
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            session.receivedClose(frame)
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.websocketClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
