import DataChannel
import Foundation
import NIOCore
import NIOWebSocket

/// One connected data channel, played as the SSM agent (InteractiveCommands plugin) plus the
/// message gateway in front of it.
///
/// Everything runs on the WebSocket channel's event loop: the frames, the pty's pipe channel,
/// the timers. That confinement is why the class is `@unchecked Sendable`: its state is only
/// touched from `eventLoop` (checked with `assertInEventLoop` at the entry points).
///
/// Lifecycle: the open frame (token check) → the KMS handshake if the spec has a key →
/// after the start delay, `/bin/sh -c COMMAND` in a pty, its output pumped as
/// `output_stream_data` → when the process has exited and the pty is drained, retransmit until
/// every output is acknowledged (or the drain timeout passes) → `channel_closed` and a
/// WebSocket close.
final class AgentSession: @unchecked Sendable {
    enum Phase {
        /// Waiting for the open-data-channel text frame.
        case awaitingOpen
        /// The KMS handshake is under way.
        case handshaking
        /// Waiting for the start delay, or for the pty's pipe channel.
        case starting
        /// The command runs.
        case running
        /// The command has exited and its output is read; waiting for acknowledgements.
        case draining
        /// channel_closed (or a close frame) sent; waiting for the client's close.
        case closing
        /// Torn down.
        case closed
    }

    let spec: SessionSpec
    let hub: SessionHub
    let channel: any Channel
    let eventLoop: any EventLoop

    var phase = Phase.awaitingOpen
    var outgoing = OutgoingBuffer<[UInt8]>(behaviour: .agent)
    var incoming = IncomingBuffer<ClientMessage>(rules: .agent)
    var nextSequenceNumber: Int64 = 0
    var cipher: SessionCipher?
    /// The handshake was skipped (no KMS) or completed: input is for the pty from now on.
    var handshakeFinished = false
    var handshake: HandshakeProgress?
    var chunker = UTF8Chunker(maximum: 1024)
    var dice: FaultDice
    /// A frame held back by the reorder fault, sent after the next one.
    var heldFrame: [UInt8]?
    /// Our close frame is out: nothing may follow it.
    var closeSent = false
    var outputBytesSent = 0

    var process: PTYProcess?
    var pty: (any Channel)?
    /// The pty's pipe channel is up (stays true after it closes).
    var ptyStarted = false
    var ptyOpen = false
    var ptyReadsPaused = false
    var processExited = false
    var exitedAt: NIODeadline?
    var ptyClosedAt: NIODeadline?
    var lastProgress = NIODeadline.now()
    /// When the client last sent input (any in-order stream data), for the idle timeout.
    var lastClientInput = NIODeadline.now()
    var ticks = 0
    var tickTask: RepeatedTask?

    init(spec: SessionSpec, hub: SessionHub, channel: any Channel) {
        self.spec = spec
        self.hub = hub
        self.channel = channel
        self.eventLoop = channel.eventLoop
        self.dice = FaultDice(seed: spec.faults.seed, sessionId: spec.sessionId)
    }

    var faults: ChannelFaults { spec.faults }
    var settings: SessionHub.Settings { hub.settings }

    /// Set `ECS_SIM_TRACE=1` to log each session's steps to standard error.
    static let tracing = ProcessInfo.processInfo.environment["ECS_SIM_TRACE"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// Logs one step of this session when tracing (never the token or payloads).
    func trace(_ message: @autoclosure () -> String) {
        guard Self.tracing else { return }
        FileHandle.standardError.write(Data("ecs-sim \(spec.sessionId): \(message())\n".utf8))
    }

    /// Milliseconds since 1970, for CreatedDate.
    static func now() -> UInt64 { ClientMessage.milliseconds(Date()) }

    // MARK: - Frames from the client

    /// A text frame: the open request first; afterwards treated like a binary frame.
    func receivedText(_ bytes: [UInt8]) {
        eventLoop.assertInEventLoop()
        guard phase == .awaitingOpen else { return receivedBinary(bytes) }
        guard let open = try? PayloadJSON.decode(OpenDataChannelInput.self, from: bytes),
              open.tokenValue == spec.token else {
            hub.record { $0.tokensRejected += 1 }
            return refuse("invalid or missing TokenValue in the open data channel request")
        }
        hub.record { $0.sessionsOpened += 1 }
        trace("opened")
        tickTask = eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) {
            [self] _ in tick()
        }
        if let keyId = spec.kmsKeyId {
            beginHandshake(keyId: keyId)
        } else {
            handshakeFinished = true
            scheduleStart()
        }
    }

    /// A binary frame: one ClientMessage.
    func receivedBinary(_ bytes: [UInt8]) {
        eventLoop.assertInEventLoop()
        guard phase != .awaitingOpen else {
            return refuse("the first frame must be the open data channel request (text)")
        }
        guard phase != .closed else { return }
        hub.record { $0.framesReceived += 1 }
        let message: ClientMessage
        do {
            message = try ClientMessage(decoding: bytes)
        } catch {
            hub.record { $0.framesRejected += 1 }
            return
        }
        switch message.messageType {
        case .inputStreamData: receivedStreamData(message)
        case .acknowledge: receivedAcknowledgement(message)
        case .channelClosed: abort()
        default: break
        }
    }

    private func receivedStreamData(_ message: ClientMessage) {
        let reception = incoming.receive(message, sequenceNumber: message.sequenceNumber, isReady: isReady)
        for delivered in reception.delivered {
            lastClientInput = .now()
            process(delivered)
            guard phase != .closed else { return }
        }
        if reception.acknowledge { sendAcknowledgement(of: message) }
    }

    /// Whether the agent can take `message` now; the expected message that is not ready is
    /// neither acknowledged nor consumed.
    private func isReady(_ message: ClientMessage) -> Bool {
        if message.payloadType == .handshakeResponse || message.payloadType == .encChallengeResponse { return true }
        // During the handshake, other input is acknowledged and thrown away.
        if !handshakeFinished { return true }
        // A pty whose program does not read stdin fills up: input then waits for a resend,
        // rather than piling up here.
        return ptyStarted && pty?.isWritable != false
    }

    /// Processes one in-order input message.
    func process(_ message: ClientMessage) {
        switch message.payloadType {
        case .handshakeResponse:
            return receivedHandshakeResponse(message)
        case .encChallengeResponse:
            return receivedChallengeResponse(message)
        default:
            break
        }
        guard handshakeFinished else { return }
        switch message.payloadType {
        case .output:
            var bytes = message.payload
            if let cipher {
                guard let plaintext = try? cipher.decrypt(bytes) else {
                    return finish(reason: "failed to decrypt input sequence number \(message.sequenceNumber)")
                }
                bytes = plaintext
            }
            writeToPTY(bytes)
        case .size:
            hub.record { $0.sizesReceived += 1 }
            if let size = try? PayloadJSON.decode(SizeContent.self, from: message.payload),
               let process, ptyOpen {
                PTYProcess.setWindowSize(descriptor: process.masterDescriptor, columns: size.cols, rows: size.rows)
            }
        default:
            break
        }
    }

    private func receivedAcknowledgement(_ message: ClientMessage) {
        guard let content = try? PayloadJSON.decode(AcknowledgeContent.self, from: message.payload) else { return }
        hub.record { $0.acksReceived += 1 }
        if outgoing.acknowledge(sequenceNumber: content.acknowledgedMessageSequenceNumber, at: .now) != nil {
            lastProgress = .now()
        }
        resumePTYReadsIfDrained()
        if phase == .draining && outgoing.isEmpty { finish(reason: nil) }
    }

    // MARK: - Ending

    /// Sends channel_closed (with `reason` as its Output, if any), then nothing more: the
    /// WebSocket closes when the client closes it (clients leave on channel_closed), or with a
    /// close frame one second later. Closing at once would race a client that is still
    /// acknowledging a duplicate when the close frame arrives, before it reads channel_closed.
    func finish(reason: String?) {
        eventLoop.assertInEventLoop()
        guard phase != .closing && phase != .closed else { return }
        trace("finish: \(reason ?? "done"), \(outgoing.count) unacknowledged, next seq \(nextSequenceNumber)")
        flushHeldFrame()
        phase = .closing
        let content = ChannelClosedContent(
            messageId: UUID().lowercasedString, createdDate: Date().formatted(.iso8601),
            destinationId: spec.target, sessionId: spec.sessionId, output: reason ?? "")
        writeFrame(ClientMessage.channelClosed(content, messageId: UUID(), createdDate: Self.now()).encoded(),
                   evenWhenClosing: true)
        stopProcess()
        eventLoop.scheduleTask(in: .seconds(1)) { [self] in
            guard channel.isActive else { return }
            sendClose(code: .normalClosure, reason: "")
            // A client that never answers the close gets disconnected.
            eventLoop.scheduleTask(in: .seconds(1)) { [self] in channel.close(promise: nil) }
        }
    }

    /// No open frame in time: refused like a bad one.
    func openTimedOut() {
        guard phase == .awaitingOpen else { return }
        hub.record { $0.tokensRejected += 1 }
        refuse("no open data channel request within \(settings.openTimeout)")
    }

    /// Refuses the open frame: a policy-violation close with `reason`.
    private func refuse(_ reason: String) {
        phase = .closing
        sendClose(code: .policyViolation, reason: reason)
        channel.close(promise: nil)
    }

    /// Ends without channel_closed: the client said channel_closed, or the hub is shutting down.
    func abort() {
        eventLoop.assertInEventLoop()
        channel.close(promise: nil)
    }

    /// The WebSocket is gone: kill the process group, stop the timers, forget the session.
    func websocketClosed() {
        eventLoop.assertInEventLoop()
        guard phase != .closed else { return }
        trace("websocket closed in phase \(phase)")
        let wasOpened = phase != .awaitingOpen
        phase = .closed
        tickTask?.cancel()
        tickTask = nil
        stopProcess()
        hub.sessionEnded(spec.sessionId)
        if wasOpened { hub.record { $0.sessionsClosed += 1 } }
    }

    /// A close frame from the client: answer it (unless ours went first) and close.
    func receivedClose(_ frame: WebSocketFrame) {
        trace("close frame received in phase \(phase)")
        if !closeSent {
            var data = frame.unmaskedData
            sendClose(code: data.readWebSocketErrorCode() ?? .normalClosure, reason: "")
        }
        channel.close(promise: nil)
    }

    func sendClose(code: WebSocketErrorCode, reason: String) {
        guard !closeSent else { return }
        closeSent = true
        var data = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        data.write(webSocketErrorCode: code)
        data.writeString(reason)
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), promise: nil)
    }

    // MARK: - Timer

    /// What the service says when it ends a session for inactivity.
    static let idleTimeoutMessage = "Your session timed out due to inactivity and has been terminated."

    /// Every 100 ms (the agent's resend interval): retransmission, the reorder fault's held
    /// frame, the process's exit, the drain, handshake and idle timeouts.
    private func tick() {
        guard phase != .closed else { return }
        ticks += 1
        flushHeldFrame()
        if let entry = outgoing.dueForRetransmission(at: .now) {
            hub.record { $0.framesResent += 1 }
            transmit(entry.message, kind: .output)
        }
        pollProcess()
        let now = NIODeadline.now()
        if phase == .draining, now - lastProgress > TimeAmount(settings.drainTimeout) {
            hub.record { $0.drainTimeouts += 1 }
            finish(reason: nil)
        }
        if phase == .handshaking, let handshake, now - handshake.started > TimeAmount(settings.handshakeTimeout) {
            failHandshake("handshake timed out")
        }
        if let idle = settings.idleTimeout, phase != .closing, now - lastClientInput > TimeAmount(idle) {
            hub.record { $0.idleTimeouts += 1 }
            finish(reason: Self.idleTimeoutMessage)
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
