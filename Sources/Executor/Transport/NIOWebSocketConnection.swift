import NIOCore
import NIOWebSocket
import Synchronization

/// One open connection of ``NIOWebSocketTransport``: reads frames into ``inbound``, answers
/// pings and close frames, and masks what it sends.
final class NIOWebSocketConnection: WebSocketConnection {
    let inbound: AsyncThrowingStream<WebSocketMessage, any Error>
    private let continuation: AsyncThrowingStream<WebSocketMessage, any Error>.Continuation
    private let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
    private let state = Mutex(State())
    /// Finished when the peer's close frame arrives or the connection ends.
    private let closed: AsyncStream<Void>
    private let closedContinuation: AsyncStream<Void>.Continuation

    struct State {
        var sentClose = false
        var closeCode: Int?
    }

    /// The frame limit the channel's decoder enforces, for the error that names it.
    private let maxFrameSize: Int

    init(outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>, maxFrameSize: Int) {
        self.outbound = outbound
        self.maxFrameSize = maxFrameSize
        (inbound, continuation) = AsyncThrowingStream.makeStream(bufferingPolicy: .unbounded)
        (closed, closedContinuation) = AsyncStream.makeStream()
    }

    var closeCode: Int? { state.withLock { $0.closeCode } }

    func send(_ message: WebSocketMessage) async throws {
        let frame = switch message {
        case .text(let text): WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text))
        case .binary(let bytes): WebSocketFrame(fin: true, opcode: .binary, maskKey: .random(), data: ByteBuffer(bytes: bytes))
        }
        try await write(frame)
    }

    /// Writes a frame; NIO's encoder masks the payload with the frame's key (RFC 6455 §5.3
    /// requires a client to mask every frame).
    private func write(_ frame: WebSocketFrame) async throws {
        try await outbound.write(frame)
    }

    /// Reads frames until the peer closes or the connection ends.
    func read(_ frames: NIOAsyncChannelInboundStream<WebSocketFrame>) async {
        defer { closedContinuation.finish() }
        do {
            for try await frame in frames {
                switch frame.opcode {
                case .text:
                    continuation.yield(.text(String(buffer: frame.unmaskedData)))
                case .binary:
                    continuation.yield(.binary(Array(frame.unmaskedData.readableBytesView)))
                case .ping:
                    await answer(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData))
                case .connectionClose:
                    var data = frame.unmaskedData
                    let code = data.readInteger(as: UInt16.self).map(Int.init) ?? 1005
                    let mustAnswer = state.withLock { state in
                        state.closeCode = code
                        defer { state.sentClose = true }
                        return !state.sentClose
                    }
                    // The reader learns of the end first: answering may wait on a closing socket.
                    continuation.finish()
                    if mustAnswer {
                        var echo = ByteBuffer()
                        if code != 1005 { echo.writeInteger(UInt16(code)) }
                        await answer(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: echo))
                    }
                    return
                default:
                    break
                }
            }
            continuation.finish(throwing: WebSocketError.connectionLost(reason: "closed without a close frame"))
        } catch NIOWebSocketError.invalidFrameLength, NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge,
                NIOWebSocketFrameAggregator.Error.tooManyFragments {
            // Nothing of it was buffered: the decoder refuses at the frame's header. The peer
            // is told why (1009, message too big) before the connection goes.
            continuation.finish(throwing: WebSocketError.messageTooLarge(limit: maxFrameSize))
            await sendClose(code: 1009)
        } catch {
            continuation.finish(throwing: WebSocketError.connectionLost(reason: NIOWebSocketTransport.reason(error)))
        }
    }

    /// A close frame with `code`, unless one was sent.
    private func sendClose(code: UInt16) async {
        let first = state.withLock { state in
            defer { state.sentClose = true }
            return !state.sentClose
        }
        guard first else { return }
        var data = ByteBuffer()
        data.writeInteger(code)
        await answer(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data))
    }

    /// Sends a ping with the payload `keepalive` every `interval` until cancelled, as
    /// session-manager-plugin does every 5 minutes: proxies and load balancers on the way keep
    /// a connection that stays quiet (a silent command, an idle shell) open.
    func keepAlive(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            guard !state.withLock({ $0.sentClose }) else { return }
            await answer(WebSocketFrame(fin: true, opcode: .ping, maskKey: .random(), data: ByteBuffer(string: "keepalive")))
        }
    }

    /// Writes a control frame the read loop owes the peer, giving up after a second: a peer
    /// that has gone must not hold the loop (and with it the connection's teardown).
    private func answer(_ frame: WebSocketFrame) async {
        _ = try? await withDeadline(.seconds(1), what: "an answer to the peer") { [self] in
            try await write(frame)
            return true
        }
    }

    /// Ends the outbound side, which closes the channel and so ends the read loop.
    func shutdown() {
        outbound.finish()
    }

    /// Sends a close frame (1000, normal closure) unless one was sent, and waits up to `limit`
    /// for the peer's close frame.
    func close(waiting limit: Duration) async {
        await sendClose(code: 1000)
        let closed = self.closed
        _ = try? await withDeadline(limit, what: "the close frame") {
            for await _ in closed {}
            return true
        }
        continuation.finish()
    }
}
