import DataChannel
import Foundation

/// The client side of one Session Manager data channel, as a value with no I/O: frames and
/// clock ticks go in, frames to send, output and the end of the session come out
/// (ssm-data-channel.md §4–§7).
///
/// - Incoming `output_stream_data` is ordered by sequence number (``IncomingBuffer``): the
///   expected one is acknowledged and delivered with any held ones that follow; later ones are
///   acknowledged and held; earlier ones (duplicates) are acknowledged again, as the agent does,
///   so a lost acknowledgement never stalls the agent.
/// - Acknowledgements carry sequence number 0 and Flags 3 and name the acknowledged message's
///   sequence number, which is all the agent matches on.
/// - Nothing is sent before the first output (or HandshakeComplete): the agent drops input
///   that arrives earlier. Then a Size message goes first, and any input after it, in chunks
///   of at most 1024 bytes, each with the next input sequence number.
/// - Unacknowledged input is resent from the oldest, when its last send is older than the
///   retransmission timeout (RTT/RTTVAR/RTO as both Go peers compute it, ``OutgoingBuffer``);
///   after ``maximumResends`` resends of one message the session is given up, as the plugin
///   does after 3000.
/// - A HandshakeRequest is answered with success for its SessionType. When it also asks for
///   KMS encryption, the owner is asked for a 64-byte data key (``Action/generateDataKey(keyId:randomChallenge:)``,
///   KMS GenerateDataKey) and hands it back through ``dataKey(_:now:)``; the answer then carries
///   the key's ciphertext blob, the EncChallengeRequest is answered (decrypted with the client's
///   decryption key, sealed again with its encryption key), and from then on outgoing
///   PayloadType 1 is encrypted and incoming 1, 11 and 12 decrypted (§8). Key material never
///   reaches the log.
/// - `channel_closed` ends the session; `start_publication`, `pause_publication` and unknown
///   types are ignored.
struct ChannelStateMachine: Sendable {
    /// What the owner must do after an event.
    enum Action: Equatable, Sendable {
        /// Send this message (a resend when `resend`).
        case send(ClientMessage, resend: Bool)
        /// The command's output (payload types 1 and 11), in order.
        case output([UInt8])
        /// The session is over: `channel_closed` arrived, with the service's reason.
        case closed(reason: String)
        /// The session cannot go on.
        case fail(SessionError)
        /// Get a data key of ``SessionCipher/dataKeyLength`` bytes from KMS under `keyId` and
        /// pass it (or why there is none) to ``dataKey(_:now:)``; a newer agent's
        /// `randomChallenge` goes into the encryption context as `aws:ssm:RandomChallenge`.
        case generateDataKey(keyId: String, randomChallenge: String?)
    }

    /// A KMS data key: the plaintext and the ciphertext blob the agent decrypts.
    struct DataKey: Sendable {
        var plaintext: [UInt8]
        var ciphertextBlob: [UInt8]
    }

    /// The terminal size sent first (the plugin's choice when standard output is not a terminal).
    static let terminalSize = SizeContent(cols: 300, rows: 100)
    /// The most bytes in one input payload.
    static let inputChunkSize = 1024
    /// Resends of one message before the session is given up (the plugin's ResendMaxAttempt).
    static let maximumResends = 3000
    /// Announced in handshake responses (and the open frame): at least 1.2.764.0 (§1).
    static let clientVersion = "1.2.764.0"

    private var incoming = IncomingBuffer<ClientMessage>(rules: .agent)
    private var outgoing = OutgoingBuffer<ClientMessage>(behaviour: .agent, capacity: 10_000)
    private var nextSequenceNumber: Int64 = 0
    /// Input waiting for the agent to be ready.
    private var pendingInput: [(PayloadType, [UInt8])]
    /// Whether the agent is ready for input (first output or HandshakeComplete seen).
    private(set) var ready = false
    /// Counters for `--debug` and the benchmark.
    private(set) var statistics = ChannelStatistics()
    /// What happened, for `--debug`; the owner drains it.
    private(set) var log: [String] = []
    /// Whether to fill ``log``.
    let logging: Bool
    /// The session's AES-GCM keys, once KMS gave a data key.
    private var cipher: SessionCipher?
    /// The HandshakeRequest waiting for a data key.
    private var pendingHandshake: HandshakeRequest?
    /// Whether the session is KMS-encrypted.
    var encrypted: Bool { cipher != nil }
    /// Makes message ids and creation dates; tests pin them.
    var clock: MessageClock

    init(logging: Bool = false, clock: MessageClock = MessageClock(), size: SizeContent = Self.terminalSize) {
        self.logging = logging
        self.clock = clock
        self.pendingInput = [(.size, PayloadJSON.encode(size))]
    }

    /// Queues a new terminal size (sent once the agent is ready, in order with the input).
    mutating func resize(_ size: SizeContent, now: ContinuousClock.Instant) -> [Action] {
        pendingInput.append((.size, PayloadJSON.encode(size)))
        return ready ? flushInput(now: now) : []
    }

    /// Queues standard input for the agent (sent once it is ready).
    mutating func input(_ bytes: [UInt8], now: ContinuousClock.Instant) -> [Action] {
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.inputChunkSize, bytes.count)
            pendingInput.append((.output, Array(bytes[start..<end])))
            start = end
        }
        return ready ? flushInput(now: now) : []
    }

    /// Takes in one frame from the agent.
    mutating func receive(_ frame: [UInt8], now: ContinuousClock.Instant) -> [Action] {
        statistics.framesIn += 1
        let message: ClientMessage
        do {
            message = try ClientMessage(decoding: frame)
        } catch {
            statistics.framesRejected += 1
            if logging { note("← dropped a frame of \(frame.count) bytes: \(error)") }
            return []
        }
        switch message.messageType {
        case .outputStreamData:
            return receiveStream(message, now: now)
        case .acknowledge:
            guard let content = try? PayloadJSON.decode(AcknowledgeContent.self, from: message.payload) else {
                if logging { note("← acknowledge with an unreadable payload, ignored") }
                return []
            }
            statistics.acksIn += 1
            let sequence = content.acknowledgedMessageSequenceNumber
            let known = outgoing.acknowledge(sequenceNumber: sequence, at: now) != nil
            if logging { note("← acknowledge of input seq \(sequence)\(known ? "" : " (already acknowledged)"), RTO \(outgoing.timeout.timeout)") }
            return []
        case .channelClosed:
            let content = try? PayloadJSON.decode(ChannelClosedContent.self, from: message.payload)
            if logging { note("← channel_closed" + ((content?.output).map { $0.isEmpty ? "" : ": \($0)" } ?? "")) }
            return [.closed(reason: content?.output ?? "")]
        case .startPublication, .pausePublication:
            if logging { note("← \(message.messageType), ignored") }
            return []
        default:
            if logging { note("← \(message.messageType) seq \(message.sequenceNumber), ignored") }
            return []
        }
    }

    /// A clock tick (every 100 ms): resends the oldest unacknowledged input when it is due.
    mutating func tick(now: ContinuousClock.Instant) -> [Action] {
        guard let entry = outgoing.dueForRetransmission(at: now) else { return [] }
        statistics.resent += 1
        if logging { note("→ resend input seq \(entry.sequenceNumber) (#\(entry.resendCount), RTO \(outgoing.timeout.timeout))") }
        guard entry.resendCount <= Self.maximumResends else {
            return [.fail(.agentNotAcknowledging(resends: entry.resendCount - 1))]
        }
        return [.send(entry.message, resend: true)]
    }

    /// Takes the data key asked for with ``Action/generateDataKey(keyId:randomChallenge:)`` (or
    /// why KMS gave none) and answers the waiting HandshakeRequest; a challenge the agent sent
    /// is acknowledged (`ChallengeAcknowledgement`: it went into the encryption context).
    mutating func dataKey(_ result: Result<DataKey, SessionError>, now: ContinuousClock.Instant) -> [Action] {
        guard let request = pendingHandshake else { return [] }
        pendingHandshake = nil
        let key: DataKey
        switch result {
        case .success(let value): key = value
        case .failure(let error): return [.fail(error)]
        }
        do {
            cipher = try SessionCipher.client(dataKey: key.plaintext)
        } catch {
            return [.fail(.kms("KMS returned a data key of \(key.plaintext.count) bytes, expected \(SessionCipher.dataKeyLength)"))]
        }
        statistics.encrypted = true
        if logging { note("KMS data key received (\(key.ciphertextBlob.count)-byte ciphertext blob; the key is not shown)") }
        let processed = request.requestedClientActions.map { action in
            switch action.actionType {
            case .sessionType:
                ProcessedClientAction(actionType: action.actionType, actionStatus: .success)
            case .kmsEncryption:
                ProcessedClientAction(actionType: action.actionType, actionStatus: .success,
                                      actionResult: KMSEncryptionResult(kmsCipherTextKey: key.ciphertextBlob,
                                                                        challengeAcknowledgement: Self.randomChallenge(of: action) != nil ? true : nil))
            default:
                ProcessedClientAction(actionType: action.actionType, actionStatus: .unsupported, error: "not supported by ecsnodes")
            }
        }
        let response = HandshakeResponse(clientVersion: Self.clientVersion, processedClientActions: processed, errors: [])
        return [send(.handshakeResponse, PayloadJSON.encode(response), now: now)]
    }

    /// Messages sent and not yet acknowledged.
    var unacknowledgedCount: Int { outgoing.count }

    /// Empties ``log``.
    mutating func takeLog() -> [String] {
        defer { log.removeAll() }
        return log
    }

    // MARK: - Stream messages

    private mutating func receiveStream(_ message: ClientMessage, now: ContinuousClock.Instant) -> [Action] {
        let reception = incoming.receive(message, sequenceNumber: message.sequenceNumber) { _ in true }
        var actions: [Action] = []
        if reception.disposition == .duplicate { statistics.duplicatesIn += 1 }
        if logging {
            let expected = incoming.expectedSequenceNumber
            switch reception.disposition {
            case .inOrder: note("← output_stream_data seq \(message.sequenceNumber) type \(message.payloadType) (\(message.payload.count) B)")
            case .buffered: note("← output_stream_data seq \(message.sequenceNumber) ahead of \(expected), held")
            case .duplicate: note("← output_stream_data seq \(message.sequenceNumber) again (duplicate)")
            case .notReady, .overflow: note("← output_stream_data seq \(message.sequenceNumber) dropped (\(reception.disposition))")
            }
        }
        if reception.acknowledge {
            statistics.acksOut += 1
            actions.append(.send(.acknowledgement(of: message, messageId: clock.nextID(), createdDate: clock.milliseconds()), resend: false))
            if logging { note("→ acknowledge seq \(message.sequenceNumber)") }
        }
        for delivered in reception.delivered {
            actions += handle(delivered, now: now)
        }
        return actions
    }

    /// Acts on one in-order stream message.
    private mutating func handle(_ message: ClientMessage, now: ContinuousClock.Instant) -> [Action] {
        switch message.payloadType {
        case .output, .stdErr:
            var payload = message.payload
            if let cipher {
                do {
                    payload = try cipher.decrypt(payload)
                } catch {
                    return [.fail(.kms("output seq \(message.sequenceNumber) does not decrypt with the session's key"))]
                }
            }
            statistics.outputBytes += payload.count
            var actions: [Action] = [.output(payload)]
            if !ready {
                ready = true
                actions += flushInput(now: now)
            }
            return actions
        case .handshakeRequest:
            return answerHandshake(message, now: now)
        case .handshakeComplete:
            let content = try? PayloadJSON.decode(HandshakeComplete.self, from: message.payload)
            if logging { note("← HandshakeComplete" + ((content?.customerMessage).map { $0.isEmpty ? "" : ": \($0)" } ?? "")) }
            guard !ready else { return [] }
            ready = true
            return flushInput(now: now)
        case .encChallengeRequest:
            return answerChallenge(message, now: now)
        default:
            if logging { note("← payload type \(message.payloadType) seq \(message.sequenceNumber), ignored") }
            return []
        }
    }

    private mutating func answerHandshake(_ message: ClientMessage, now: ContinuousClock.Instant) -> [Action] {
        guard let request = try? PayloadJSON.decode(HandshakeRequest.self, from: message.payload) else {
            return [.fail(.protocolViolation("unreadable HandshakeRequest"))]
        }
        if logging { note("← HandshakeRequest: \(request.requestedClientActions.map(\.actionType.rawValue).joined(separator: ", "))") }
        if let kms = request.requestedClientActions.first(where: { $0.actionType == .kmsEncryption }) {
            guard case .kmsEncryption(let keyId, let randomChallenge) = kms.actionParameters, !keyId.isEmpty else {
                return [.fail(.protocolViolation("the KMSEncryption action names no KMSKeyId"))]
            }
            guard cipher == nil, pendingHandshake == nil else {
                return [.fail(.protocolViolation("a second KMS HandshakeRequest"))]
            }
            pendingHandshake = request
            if logging { note("KMS encryption requested with key \(keyId): calling kms:GenerateDataKey") }
            return [.generateDataKey(keyId: keyId, randomChallenge: randomChallenge)]
        }
        let processed = request.requestedClientActions.map { action in
            action.actionType == .sessionType
                ? ProcessedClientAction(actionType: action.actionType, actionStatus: .success)
                : ProcessedClientAction(actionType: action.actionType, actionStatus: .unsupported, error: "not supported by ecsnodes")
        }
        let response = HandshakeResponse(clientVersion: Self.clientVersion, processedClientActions: processed, errors: [])
        return [send(.handshakeResponse, PayloadJSON.encode(response), now: now)]
    }

    /// The `Challenge` a newer agent puts in the KMSEncryption action, if any.
    static func randomChallenge(of action: RequestedClientAction) -> String? {
        guard case .kmsEncryption(_, let challenge?) = action.actionParameters, !challenge.isEmpty else { return nil }
        return challenge
    }

    /// EncChallengeRequest: decrypt with the client's decryption key, seal again with its
    /// encryption key, send back as EncChallengeResponse.
    private mutating func answerChallenge(_ message: ClientMessage, now: ContinuousClock.Instant) -> [Action] {
        guard let cipher else {
            return [.fail(.protocolViolation("EncChallengeRequest before the KMS handshake"))]
        }
        guard let challenge = try? PayloadJSON.decode(EncryptionChallenge.self, from: message.payload),
              let plaintext = try? cipher.decrypt(Array(challenge.challenge)) else {
            return [.fail(.kms("the agent's encryption challenge does not decrypt with the data key: the agent and ecsnodes disagree on the key"))]
        }
        if logging { note("← EncChallengeRequest, answered (\(plaintext.count)-byte challenge, not shown)") }
        let answer = EncryptionChallenge(challenge: cipher.encrypt(plaintext))
        return [send(.encChallengeResponse, PayloadJSON.encode(answer), now: now)]
    }

    // MARK: - Input

    private mutating func flushInput(now: ContinuousClock.Instant) -> [Action] {
        let pending = pendingInput
        pendingInput.removeAll()
        return pending.map { send($0.0, $0.1, now: now) }
    }

    /// Sends one `input_stream_data` with the next sequence number and keeps it until acknowledged.
    private mutating func send(_ type: PayloadType, _ payload: [UInt8], now: ContinuousClock.Instant) -> Action {
        // With KMS only PayloadType 1 travels encrypted; Size and handshake payloads stay plain.
        let payload = type == .output ? cipher.map { $0.encrypt(payload) } ?? payload : payload
        let message = ClientMessage.streamData(.inputStreamData, sequenceNumber: nextSequenceNumber, payloadType: type,
                                               payload: payload, messageId: clock.nextID(), createdDate: clock.milliseconds())
        outgoing.append(sequenceNumber: nextSequenceNumber, message: message, sentAt: now)
        if logging { note("→ input_stream_data seq \(nextSequenceNumber) type \(type) (\(payload.count) B)") }
        nextSequenceNumber += 1
        statistics.framesOut += 1
        return .send(message, resend: false)
    }

    private mutating func note(_ text: String) {
        if logging { log.append(text) }
    }
}

/// Message ids and creation dates for outgoing messages.
struct MessageClock: Sendable {
    var nextID: @Sendable () -> UUID = { UUID() }
    var milliseconds: @Sendable () -> UInt64 = { ClientMessage.milliseconds(Date()) }
}

/// Frame counts of one session.
public struct ChannelStatistics: Sendable, Hashable {
    public var framesIn = 0
    public var framesOut = 0
    public var framesRejected = 0
    public var duplicatesIn = 0
    public var acksIn = 0
    public var acksOut = 0
    public var resent = 0
    public var outputBytes = 0
    /// Whether the session was KMS-encrypted.
    public var encrypted = false

    public init() {}
}
