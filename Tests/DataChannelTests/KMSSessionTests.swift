import DataChannel
import Foundation
import SimSession
import Testing

/// The KMS handshake of the simulated agent against the Python client, which calls the
/// hub's local KMS (GenerateDataKey) through boto3.
struct KMSSessionTests {
    static let keyArn = "arn:aws:kms:us-east-1:000000000000:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

    @Test func encryptedSessionCarriesOutputAndInput() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'ready\\n'; read line; printf 'got:%s\\n' \"$line\"", kmsKeyId: Self.keyArn)
        let run = try await sim.runClient(spec, stdin: Array("secret\n".utf8), kms: true)
        #expect(String(decoding: run.output, as: UTF8.self) == "ready\r\nsecret\r\ngot:secret\r\n", "\(run.stderr)")
        #expect(run.channelClosed)
        #expect(run.summary["encrypted"] as? Bool == true)
        #expect(run.summary["handshake"] as? Bool == true)
        #expect(run.protocolErrors.isEmpty)
        let stats = try await sim.waitForStats { $0.sessionsClosed == 1 }
        #expect(stats.handshakesCompleted == 1)
        try await sim.stop()
    }

    @Test func wrongChallengeAnswerEndsTheSession() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("echo never", kmsKeyId: Self.keyArn)
        let run = try await sim.runClient(spec, extra: ["--kms-wrong-challenge"], kms: true)
        #expect(run.channelClosed, "\(run.stderr)")
        #expect((run.summary["close_reason"] as? String ?? "").contains("challenge"))
        #expect(run.output.isEmpty)
        #expect(sim.hub.stats().handshakesFailed == 1)
        try await sim.stop()
    }

    @Test func wrongEncryptionContextEndsTheSession() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("echo never", kmsKeyId: Self.keyArn)
        let run = try await sim.runClient(spec, extra: ["--kms-target", "ecs:other_task_container"], kms: true)
        #expect(run.channelClosed, "\(run.stderr)")
        #expect((run.summary["close_reason"] as? String ?? "").contains("KMS Decrypt"))
        #expect(run.output.isEmpty)
        try await sim.stop()
    }

    @Test func clientWithoutKMSIsRefused() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("echo never", kmsKeyId: Self.keyArn)
        let run = try await sim.runClient(spec)
        #expect(run.channelClosed, "\(run.stderr)")
        #expect((run.summary["close_reason"] as? String ?? "").contains("KMSEncryption"))
        try await sim.stop()
    }
}

/// The hub's local KMS, called as ECSSim calls it.
struct LocalKMSTests {
    static func json(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    @Test func generateDataKeyThenDecryptWithTheSameContext() throws {
        let hub = SessionHub(verifyUpgrade: { _ in true })
        hub.registerKMSKey(KMSSessionTests.keyArn)
        let context = ["aws:ssm:SessionId": "s-1", "aws:ssm:TargetId": "ecs:c_t_r"]
        // By key id alone, the ARN's last part.
        let generated = hub.kms(action: "TrentService.GenerateDataKey", body: Self.json([
            "KeyId": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "NumberOfBytes": 64, "EncryptionContext": context,
        ]))
        #expect(generated.status == 200)
        let answer = Self.object(generated.body)
        #expect(answer["KeyId"] as? String == KMSSessionTests.keyArn)
        let plaintext = Data(base64Encoded: answer["Plaintext"] as? String ?? "")
        #expect(plaintext?.count == 64)
        let blob = try #require(answer["CiphertextBlob"] as? String)

        let decrypted = hub.kms(action: "Decrypt", body: Self.json(["CiphertextBlob": blob, "EncryptionContext": context]))
        #expect(decrypted.status == 200)
        #expect(Self.object(decrypted.body)["Plaintext"] as? String == answer["Plaintext"] as? String)

        var otherContext = context
        otherContext["aws:ssm:TargetId"] = "ecs:c_t_other"
        let refused = hub.kms(action: "Decrypt", body: Self.json(["CiphertextBlob": blob, "EncryptionContext": otherContext]))
        #expect(refused.status == 400)
        #expect(Self.object(refused.body)["__type"] as? String == "InvalidCiphertextException")
    }

    @Test func unknownKeyIsNotFound() {
        let hub = SessionHub(verifyUpgrade: { _ in true })
        let answer = hub.kms(action: "TrentService.GenerateDataKey",
                             body: Self.json(["KeyId": "alias/nothing", "NumberOfBytes": 64]))
        #expect(answer.status == 400)
        #expect(Self.object(answer.body)["__type"] as? String == "NotFoundException")
    }

    @Test func badRequestsAreValidationErrors() {
        let hub = SessionHub(verifyUpgrade: { _ in true })
        hub.registerKMSKey("alias/sim")
        let noBytes = hub.kms(action: "GenerateDataKey", body: Self.json(["KeyId": "alias/sim"]))
        #expect(Self.object(noBytes.body)["__type"] as? String == "ValidationException")
        let other = hub.kms(action: "TrentService.Encrypt", body: Self.json([:]))
        #expect(Self.object(other.body)["__type"] as? String == "UnknownOperationException")
    }
}
