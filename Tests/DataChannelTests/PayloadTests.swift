import DataChannel
import Foundation
import Testing

struct PayloadTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try PayloadJSON.decode(type, from: Array(json.utf8))
    }

    @Test func handshakeRequestOfTheDocDecodes() throws {
        let request = try Self.decode(HandshakeRequest.self, """
            {"AgentVersion":"3.3.0.0","RequestedClientActions":[
              {"ActionType":"SessionType","ActionParameters":{"SessionType":"InteractiveCommands","Properties":null}},
              {"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"arn:aws:kms:us-east-1:1:key/k","Challenge":"AAAA"}},
              {"ActionType":"SomethingNew","ActionParameters":{"X":1}}]}
            """)
        #expect(request.agentVersion == "3.3.0.0")
        #expect(request.requestedClientActions == [
            .sessionType("InteractiveCommands"),
            .kmsEncryption(keyId: "arn:aws:kms:us-east-1:1:key/k", challenge: "AAAA"),
            RequestedClientAction(actionType: ActionType(rawValue: "SomethingNew"), actionParameters: .unknown),
        ])
    }

    @Test func handshakeRequestEncodesTheKeyNames() {
        let request = HandshakeRequest(agentVersion: "3.3.1611.0", requestedClientActions: [
            .sessionType("InteractiveCommands"), .kmsEncryption(keyId: "alias/k"),
        ])
        #expect(String(decoding: PayloadJSON.encode(request), as: UTF8.self) == """
            {"AgentVersion":"3.3.1611.0","RequestedClientActions":[\
            {"ActionParameters":{"SessionType":"InteractiveCommands"},"ActionType":"SessionType"},\
            {"ActionParameters":{"KMSKeyId":"alias/k"},"ActionType":"KMSEncryption"}]}
            """)
    }

    @Test func handshakeResponsesOfThePluginDecode() throws {
        let plain = try Self.decode(HandshakeResponse.self, """
            {"ClientVersion":"1.2.0.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}
            """)
        #expect(plain.processedClientActions == [ProcessedClientAction(actionType: .sessionType, actionStatus: .success)])
        #expect(plain.errors == nil)
        let kms = try Self.decode(HandshakeResponse.self, """
            {"ClientVersion":"1.2.764.0","ProcessedClientActions":[
              {"ActionType":"KMSEncryption","ActionStatus":1,"ActionResult":{"KMSCipherTextKey":"AQID","KMSCipherTextHash":null},"Error":""},
              {"ActionType":"Odd","ActionStatus":0,"ActionResult":3,"Error":""}],"Errors":null}
            """)
        #expect(kms.processedClientActions[0].actionResult?.kmsCipherTextKey == Data([1, 2, 3]))
        #expect(kms.processedClientActions[1].actionResult == nil)
        #expect(kms.processedClientActions[1].actionStatus != .success)
    }

    @Test func kmsResultEncodesBase64() {
        let action = ProcessedClientAction(actionType: .kmsEncryption, actionStatus: .success,
                                           actionResult: KMSEncryptionResult(kmsCipherTextKey: [1, 2, 3]))
        #expect(String(decoding: PayloadJSON.encode(action), as: UTF8.self) == """
            {"ActionResult":{"KMSCipherTextKey":"AQID"},"ActionStatus":1,"ActionType":"KMSEncryption","Error":""}
            """)
    }

    @Test func smallPayloadsUseTheWireKeyNames() throws {
        #expect(String(decoding: PayloadJSON.encode(SizeContent(cols: 300, rows: 100)), as: UTF8.self)
                == #"{"cols":300,"rows":100}"#)
        #expect(String(decoding: PayloadJSON.encode(EncryptionChallenge(challenge: [0xff])), as: UTF8.self)
                == #"{"Challenge":"/w=="}"#)
        #expect(String(decoding: PayloadJSON.encode(HandshakeComplete(handshakeTimeToComplete: 12,
                                                                       customerMessage: "hi")), as: UTF8.self)
                == #"{"CustomerMessage":"hi","HandshakeTimeToComplete":12}"#)
        let open = try Self.decode(OpenDataChannelInput.self, """
            {"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"t","ClientId":"c","ClientVersion":"1.2.0.0"}
            """)
        #expect(open == OpenDataChannelInput(requestId: "r", tokenValue: "t", clientId: "c", clientVersion: "1.2.0.0"))
        #expect(throws: DataChannelError.self) { try Self.decode(OpenDataChannelInput.self, #"{"RequestId":"r"}"#) }
        let closed = try Self.decode(ChannelClosedContent.self, #"{"SessionId":"s","Output":"gone"}"#)
        #expect(closed.sessionId == "s" && closed.output == "gone" && closed.schemaVersion == 1)
    }
}
