import DataChannel
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// A bare WebSocket client on NIO that sends exactly the frames a test asks for, to check the
/// simulated agent's rules where a well-behaved client never goes (input before the first
/// output, out-of-order and duplicate input, corrupt frames).
final class RawChannelClient: Sendable {
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let inbox: Inbox

    /// Frames received and not yet taken, and whether the connection has ended.
    final class Inbox: Sendable {
        let state = Mutex<(frames: [WebSocketFrame], ended: Bool)>(([], false))
    }

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup, inbox: Inbox) {
        self.channel = channel
        self.group = group
        self.inbox = inbox
    }

    /// Connects and upgrades to `ws://127.0.0.1:port/path`.
    static func connect(port: Int, path: String) async throws -> RawChannelClient {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let inbox = Inbox()
        let upgraded = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group).channelInitializer { channel in
            let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 20) { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FrameCollector(inbox: inbox))
                    upgraded.succeed()
                }
            }
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers(
                    withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                        context.pipeline.removeHandler(name: "upgrade-request", promise: nil)
                    }))
                try channel.pipeline.syncOperations.addHandler(UpgradeRequest(path: path, upgraded: upgraded),
                                                               name: "upgrade-request")
            }
        }.connect(host: "127.0.0.1", port: port).get()
        try await upgraded.futureResult.get()
        return RawChannelClient(channel: channel, group: group, inbox: inbox)
    }

    func sendText(_ text: String) async throws {
        try await send(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(),
                                      data: channel.allocator.buffer(string: text)))
    }

    func sendFrame(_ bytes: [UInt8]) async throws {
        try await send(WebSocketFrame(fin: true, opcode: .binary, maskKey: .random(),
                                      data: channel.allocator.buffer(bytes: bytes)))
    }

    /// An input_stream_data message with `sequenceNumber`.
    func sendInput(_ sequenceNumber: Int64, _ payload: [UInt8], type: PayloadType = .output) async throws {
        try await sendFrame(ClientMessage.streamData(
            .inputStreamData, sequenceNumber: sequenceNumber, payloadType: type, payload: payload,
            messageId: UUID(), createdDate: ClientMessage.milliseconds(Date())).encoded())
    }

    /// Acknowledges an output message, as a client must.
    func acknowledge(_ message: ClientMessage) async throws {
        try await sendFrame(ClientMessage.acknowledgement(of: message, messageId: UUID(),
                                                         createdDate: ClientMessage.milliseconds(Date())).encoded())
    }

    private func send(_ frame: WebSocketFrame) async throws {
        try await channel.writeAndFlush(frame).get()
    }

    /// The next frame, or nil if none comes within `timeout` (or the connection ended).
    func nextFrame(timeout: Duration = .seconds(5)) async -> WebSocketFrame? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (frame, ended) = inbox.state.withLock { state -> (WebSocketFrame?, Bool) in
                state.frames.isEmpty ? (nil, state.ended) : (state.frames.removeFirst(), false)
            }
            if let frame { return frame }
            if ended { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    /// The next binary frame decoded, skipping control frames; nil on timeout.
    func nextMessage(timeout: Duration = .seconds(5)) async -> ClientMessage? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let frame = await nextFrame(timeout: deadline - ContinuousClock.now) else { return nil }
            guard frame.opcode == .binary else { continue }
            var data = frame.unmaskedData
            return try? ClientMessage(decoding: data.readBytes(length: data.readableBytes) ?? [])
        }
        return nil
    }

    func close() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Sends the upgrade GET once connected; fails `upgraded` if the server answers instead.
private final class UpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let path: String
    let upgraded: EventLoopPromise<Void>

    init(path: String, upgraded: EventLoopPromise<Void>) {
        self.path = path
        self.upgraded = upgraded
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "127.0.0.1")
        headers.add(name: "Content-Length", value: "0")
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers))),
                      promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            upgraded.fail(RawClientError(status: head.status.code))
        }
    }
}

struct RawClientError: Error { var status: UInt }

/// Yields every received frame.
private final class FrameCollector: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    let inbox: RawChannelClient.Inbox

    init(inbox: RawChannelClient.Inbox) { self.inbox = inbox }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        inbox.state.withLock { $0.frames.append(frame) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbox.state.withLock { $0.ended = true }
    }
}
