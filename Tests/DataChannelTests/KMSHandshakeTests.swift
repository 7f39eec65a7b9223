import DataChannel
import Foundation
import SimSession
import Testing

/// The KMS handshake played by a client built on DataChannel itself (as the Executor will be):
/// HandshakeRequest → GenerateDataKey → HandshakeResponse → challenge → HandshakeComplete →
/// encrypted output.
struct KMSHandshakeTests {
    /// The next output_stream_data message, acknowledged; acknowledgements are collected.
    static func nextOutput(_ client: RawChannelClient, acks: inout [Int64]) async throws -> ClientMessage? {
        while let message = await client.nextMessage() {
            if message.messageType == .acknowledge {
                acks.append(try PayloadJSON.decode(AcknowledgeContent.self, from: message.payload)
                    .acknowledgedMessageSequenceNumber)
                continue
            }
            if message.messageType == .outputStreamData { try await client.acknowledge(message) }
            return message
        }
        return nil
    }

    @Test func handshakeEncryptsTheSessionAndDiscardsEarlyInput() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'hello\\n'", kmsKeyId: KMSSessionTests.keyArn)
        let client = try await AgentRulesTests.open(sim, spec)
        var acks: [Int64] = []

        let request = try #require(try await Self.nextOutput(client, acks: &acks))
        #expect(request.sequenceNumber == 0 && request.flags == .syn && request.payloadType == .handshakeRequest)
        let handshake = try PayloadJSON.decode(HandshakeRequest.self, from: request.payload)
        #expect(handshake.requestedClientActions == [.sessionType("InteractiveCommands"),
                                                     .kmsEncryption(keyId: KMSSessionTests.keyArn)])

        // Input during the handshake: acknowledged, thrown away.
        try await client.sendInput(0, PayloadJSON.encode(SizeContent(cols: 80, rows: 24)), type: .size)

        let context = ["aws:ssm:SessionId": spec.sessionId, "aws:ssm:TargetId": spec.target]
        let generated = sim.hub.kms(action: "TrentService.GenerateDataKey", body: LocalKMSTests.json([
            "KeyId": KMSSessionTests.keyArn, "NumberOfBytes": 64, "EncryptionContext": context,
        ]))
        let dataKey = LocalKMSTests.object(generated.body)
        let cipher = try SessionCipher.client(dataKey: Array(Data(base64Encoded: dataKey["Plaintext"] as! String)!))
        let blob = Array(Data(base64Encoded: dataKey["CiphertextBlob"] as! String)!)
        let response = HandshakeResponse(clientVersion: "1.2.764.0", processedClientActions: [
            ProcessedClientAction(actionType: .sessionType, actionStatus: .success),
            ProcessedClientAction(actionType: .kmsEncryption, actionStatus: .success,
                                  actionResult: KMSEncryptionResult(kmsCipherTextKey: blob)),
        ])
        try await client.sendInput(1, PayloadJSON.encode(response), type: .handshakeResponse)

        let challengeRequest = try #require(try await Self.nextOutput(client, acks: &acks))
        #expect(challengeRequest.sequenceNumber == 1 && challengeRequest.payloadType == .encChallengeRequest)
        let challenge = try PayloadJSON.decode(EncryptionChallenge.self, from: challengeRequest.payload)
        let plaintext = try cipher.decrypt(Array(challenge.challenge))
        #expect(plaintext.count == 64)
        try await client.sendInput(2, PayloadJSON.encode(EncryptionChallenge(challenge: cipher.encrypt(plaintext))),
                                   type: .encChallengeResponse)

        let complete = try #require(try await Self.nextOutput(client, acks: &acks))
        #expect(complete.sequenceNumber == 2 && complete.payloadType == .handshakeComplete)
        let completion = try PayloadJSON.decode(HandshakeComplete.self, from: complete.payload)
        #expect(completion.customerMessage == "This session is encrypted using AWS KMS.")
        #expect(completion.handshakeTimeToComplete > 0)

        let output = try #require(try await Self.nextOutput(client, acks: &acks))
        #expect(output.sequenceNumber == 3 && output.payloadType == .output && output.flags == [])
        #expect(output.payload.count == 12 + 7 + 16)
        #expect(try cipher.decrypt(output.payload) == Array("hello\r\n".utf8))
        #expect(Set(acks).isSuperset(of: [0, 1, 2]))

        let closed = try #require(try await Self.nextOutput(client, acks: &acks))
        #expect(closed.messageType == .channelClosed)
        #expect(sim.hub.stats().handshakesCompleted == 1)
        try await client.close()
        try await sim.stop()
    }
}
