@testable import Executor
import DataChannel
import Foundation
import Testing

/// The client's protocol rules, frame by frame, with no I/O.
struct ChannelStateMachineTests {
    static let t0 = ContinuousClock.now

    static func output(_ seq: Int64, _ text: String, type: PayloadType = .output) -> [UInt8] {
        ClientMessage.streamData(.outputStreamData, sequenceNumber: seq, payloadType: type, payload: Array(text.utf8),
                                 messageId: UUID(), createdDate: 1_700_000_000_000, flags: seq == 0 ? .syn : []).encoded()
    }

    static func ack(of seq: Int64) -> [UInt8] {
        let acknowledged = ClientMessage.streamData(.inputStreamData, sequenceNumber: seq, payloadType: .size, payload: [],
                                                    messageId: UUID(), createdDate: 1)
        return ClientMessage.acknowledgement(of: acknowledged, messageId: UUID(), createdDate: 1_700_000_000_000).encoded()
    }

    static func sent(_ actions: [ChannelStateMachine.Action]) -> [ClientMessage] {
        actions.compactMap { if case .send(let message, _) = $0 { message } else { nil } }
    }

    static func outputs(_ actions: [ChannelStateMachine.Action]) -> String {
        actions.map { if case .output(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { "" } }.joined()
    }

    @Test func sendsNothingBeforeTheFirstOutputThenAcksAndASizeMessage() throws {
        var machine = ChannelStateMachine()
        #expect(machine.input([1, 2, 3], now: Self.t0).isEmpty)
        #expect(machine.tick(now: Self.t0 + .seconds(5)).isEmpty)
        let actions = machine.receive(Self.output(0, "hello"), now: Self.t0)
        let messages = Self.sent(actions)
        #expect(messages.count == 3)
        #expect(messages[0].messageType == .acknowledge)
        #expect(messages[0].sequenceNumber == 0 && messages[0].flags == .acknowledgement && messages[0].payloadType == .unset)
        let content = try PayloadJSON.decode(AcknowledgeContent.self, from: messages[0].payload)
        #expect(content.acknowledgedMessageSequenceNumber == 0 && content.acknowledgedMessageType == "output_stream_data")
        #expect(messages[1].messageType == .inputStreamData && messages[1].sequenceNumber == 0 && messages[1].payloadType == .size)
        #expect(try PayloadJSON.decode(SizeContent.self, from: messages[1].payload) == SizeContent(cols: 300, rows: 100))
        #expect(messages[2].sequenceNumber == 1 && messages[2].payloadType == .output && messages[2].payload == [1, 2, 3])
        #expect(messages[2].flags == [])
        #expect(Self.outputs(actions) == "hello")
    }

    @Test func ordersHoldsAndReacknowledgesDuplicates() {
        var machine = ChannelStateMachine()
        var actions = machine.receive(Self.output(1, "world"), now: Self.t0)
        #expect(Self.sent(actions).map(\.messageType) == [.acknowledge])
        #expect(Self.outputs(actions).isEmpty)
        actions = machine.receive(Self.output(0, "hello "), now: Self.t0)
        #expect(Self.outputs(actions) == "hello world")
        actions = machine.receive(Self.output(0, "hello "), now: Self.t0)
        #expect(Self.sent(actions).map(\.messageType) == [.acknowledge])
        #expect(Self.outputs(actions).isEmpty)
        #expect(machine.statistics.duplicatesIn == 1)
    }

    @Test func dropsAFrameWithABadDigestWithoutAcknowledging() {
        var machine = ChannelStateMachine()
        var frame = Self.output(0, "hello")
        frame[frame.count - 1] ^= 0xFF
        #expect(machine.receive(frame, now: Self.t0).isEmpty)
        #expect(machine.receive(Array(frame.prefix(50)), now: Self.t0).isEmpty)
        #expect(machine.statistics.framesRejected == 2)
    }

    @Test func resendsUnacknowledgedInputAfterTheTimeoutUntilAcknowledged() {
        var machine = ChannelStateMachine()
        _ = machine.receive(Self.output(0, "x"), now: Self.t0)
        #expect(machine.tick(now: Self.t0 + .milliseconds(100)).isEmpty)
        let resent = Self.sent(machine.tick(now: Self.t0 + .milliseconds(250)))
        #expect(resent.map(\.sequenceNumber) == [0])
        #expect(resent.first?.payloadType == .size)
        #expect(machine.tick(now: Self.t0 + .milliseconds(300)).isEmpty)   // the resend reset its clock
        _ = machine.receive(Self.ack(of: 0), now: Self.t0 + .milliseconds(320))
        #expect(machine.unacknowledgedCount == 0)
        #expect(machine.tick(now: Self.t0 + .seconds(10)).isEmpty)
        #expect(machine.statistics.resent == 1)
    }

    @Test func answersASessionTypeHandshakeAndWaitsForItsCompletion() throws {
        var machine = ChannelStateMachine()
        let request = HandshakeRequest(agentVersion: "3.3.0", requestedClientActions: [.sessionType("InteractiveCommands")])
        let frame = ClientMessage.streamData(.outputStreamData, sequenceNumber: 0, payloadType: .handshakeRequest,
                                             payload: PayloadJSON.encode(request), messageId: UUID(), createdDate: 1).encoded()
        let messages = Self.sent(machine.receive(frame, now: Self.t0))
        #expect(messages.map(\.messageType) == [.acknowledge, .inputStreamData])
        #expect(messages[1].payloadType == .handshakeResponse && messages[1].sequenceNumber == 0)
        let response = try PayloadJSON.decode(HandshakeResponse.self, from: messages[1].payload)
        #expect(response.processedClientActions.map(\.actionStatus) == [.success])
        #expect(response.clientVersion == "1.2.764.0")
        let complete = ClientMessage.streamData(.outputStreamData, sequenceNumber: 1, payloadType: .handshakeComplete,
                                                payload: PayloadJSON.encode(HandshakeComplete(handshakeTimeToComplete: 1, customerMessage: "")),
                                                messageId: UUID(), createdDate: 1).encoded()
        let after = Self.sent(machine.receive(complete, now: Self.t0))
        #expect(after.map(\.payloadType) == [.unset, .size])
        #expect(after[1].sequenceNumber == 1)
    }

    static func stream(_ seq: Int64, _ type: PayloadType, _ payload: [UInt8]) -> [UInt8] {
        ClientMessage.streamData(.outputStreamData, sequenceNumber: seq, payloadType: type, payload: payload,
                                 messageId: UUID(), createdDate: 1).encoded()
    }

    /// A newer agent's random challenge is handed to the data-key request and acknowledged
    /// in the answer; without one, nothing is acknowledged.
    @Test func aRandomChallengeGoesToKMSAndIsAcknowledged() throws {
        var machine = ChannelStateMachine()
        let request = HandshakeRequest(agentVersion: "3.3.2000.0", requestedClientActions: [
            .sessionType("InteractiveCommands"), .kmsEncryption(keyId: "k", challenge: "c2l4dGVlbiBieXRlcyEhIQ=="),
        ])
        let asked = machine.receive(Self.stream(0, .handshakeRequest, PayloadJSON.encode(request)), now: Self.t0)
        #expect(asked.contains(.generateDataKey(keyId: "k", randomChallenge: "c2l4dGVlbiBieXRlcyEhIQ==")))
        let answered = Self.sent(machine.dataKey(.success(.init(plaintext: Array(repeating: 1, count: 64), ciphertextBlob: [9])), now: Self.t0))
        let response = try PayloadJSON.decode(HandshakeResponse.self, from: answered[0].payload)
        #expect(response.processedClientActions[1].actionResult?.challengeAcknowledgement == true)
        #expect(String(decoding: answered[0].payload, as: UTF8.self).contains(#""ChallengeAcknowledgement":true"#))
    }

    @Test func kmsHandshakeAsksForADataKeyThenEncryptsBothWays() throws {
        var machine = ChannelStateMachine()
        _ = machine.input(Array("typed".utf8), now: Self.t0)
        let request = HandshakeRequest(agentVersion: "3.3.0", requestedClientActions: [.sessionType("InteractiveCommands"), .kmsEncryption(keyId: "k")])
        let asked = machine.receive(Self.stream(0, .handshakeRequest, PayloadJSON.encode(request)), now: Self.t0)
        #expect(asked.contains(.generateDataKey(keyId: "k", randomChallenge: nil)))
        let dataKey = (0..<64).map { UInt8($0) }
        let answered = Self.sent(machine.dataKey(.success(.init(plaintext: dataKey, ciphertextBlob: [9, 9, 9])), now: Self.t0))
        #expect(answered.map(\.payloadType) == [.handshakeResponse])
        let response = try PayloadJSON.decode(HandshakeResponse.self, from: answered[0].payload)
        #expect(response.processedClientActions.map(\.actionStatus) == [.success, .success])
        #expect(response.processedClientActions[1].actionResult?.kmsCipherTextKey == Data([9, 9, 9]))
        #expect(String(decoding: answered[0].payload, as: UTF8.self).contains(#""KMSCipherTextKey":"CQkJ""#))

        // The agent's side of the same key.
        let agent = try SessionCipher.agent(dataKey: dataKey)
        let challenge = (0..<64).map { UInt8(255 - $0) }
        let request8 = PayloadJSON.encode(EncryptionChallenge(challenge: agent.encrypt(challenge)))
        let reply = Self.sent(machine.receive(Self.stream(1, .encChallengeRequest, request8), now: Self.t0)).filter { $0.payloadType == .encChallengeResponse }
        #expect(reply.count == 1)
        let echoed = try PayloadJSON.decode(EncryptionChallenge.self, from: reply[0].payload)
        #expect(try agent.decrypt(Array(echoed.challenge)) == challenge)

        let complete = PayloadJSON.encode(HandshakeComplete(handshakeTimeToComplete: 1, customerMessage: "This session is encrypted using AWS KMS."))
        let input = Self.sent(machine.receive(Self.stream(2, .handshakeComplete, complete), now: Self.t0)).filter { $0.messageType == .inputStreamData }
        #expect(input.map(\.payloadType) == [.size, .output])
        #expect(try PayloadJSON.decode(SizeContent.self, from: input[0].payload) == ChannelStateMachine.terminalSize)
        #expect(try agent.decrypt(input[1].payload) == Array("typed".utf8))

        let output = machine.receive(Self.stream(3, .output, agent.encrypt(Array("secret out".utf8))), now: Self.t0)
        #expect(Self.outputs(output) == "secret out")
        #expect(machine.statistics.encrypted)
        // Output that does not open with the key ends the session.
        let garbage = machine.receive(Self.stream(4, .output, Array("plain text, not sealed".utf8)), now: Self.t0)
        #expect(garbage.contains { if case .fail(.kms) = $0 { true } else { false } })
    }

    @Test func aChallengeUnderAnotherKeyFailsPlainly() throws {
        var machine = ChannelStateMachine()
        let request = HandshakeRequest(agentVersion: "3.3.0", requestedClientActions: [.sessionType("InteractiveCommands"), .kmsEncryption(keyId: "k")])
        _ = machine.receive(Self.stream(0, .handshakeRequest, PayloadJSON.encode(request)), now: Self.t0)
        _ = machine.dataKey(.success(.init(plaintext: [UInt8](repeating: 1, count: 64), ciphertextBlob: [1])), now: Self.t0)
        let other = try SessionCipher.agent(dataKey: [UInt8](repeating: 2, count: 64))
        let actions = machine.receive(Self.stream(1, .encChallengeRequest, PayloadJSON.encode(EncryptionChallenge(challenge: other.encrypt([1, 2, 3])))), now: Self.t0)
        let failure = actions.compactMap { if case .fail(let error) = $0 { "\(error)" } else { nil } }.first
        #expect(failure?.contains("challenge does not decrypt") == true)
    }

    @Test func aFailedDataKeyEndsTheSessionWithItsReason() {
        var machine = ChannelStateMachine()
        let request = HandshakeRequest(agentVersion: "3.3.0", requestedClientActions: [.kmsEncryption(keyId: "k")])
        _ = machine.receive(Self.stream(0, .handshakeRequest, PayloadJSON.encode(request)), now: Self.t0)
        #expect(machine.dataKey(.failure(.kms("denied")), now: Self.t0) == [.fail(.kms("denied"))])
    }

    @Test func channelClosedEndsTheSessionAndIsNotAcknowledged() {
        var machine = ChannelStateMachine()
        let closed = ClientMessage.channelClosed(ChannelClosedContent(messageId: "m", createdDate: "d", destinationId: "x", sessionId: "s", output: "bye"),
                                                 messageId: UUID(), createdDate: 1).encoded()
        #expect(machine.receive(closed, now: Self.t0) == [.closed(reason: "bye")])
    }
}
