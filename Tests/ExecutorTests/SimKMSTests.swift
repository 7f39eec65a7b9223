import AWSCore
import AWSHTTP
import AWSSigner
@testable import Executor
import Foundation
import Testing
import TestSupport

/// KMS-encrypted sessions against ecs-sim started with `--kms-key-id`: the handshake, the
/// challenge and encrypted output end to end, and the errors when the keys do not agree.
@Suite(.serialized)
struct SimKMSTests {
    static let keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"

    @Test func anEncryptedSessionGivesByteExactOutputAndTheExitStatus() async throws {
        let fleet = try await SimFleet.start(tasks: 1, arguments: ["--kms-key-id", Self.keyArn])
        defer { fleet.stop() }
        let (results, outputs) = await fleet.run { _ in #"printf 'hello\nworld\n\tno newline'; printf '\r\nCRLF kept\r\n'; exit 7"# }
        #expect(results.map(\.status) == [.failed(7)], "\(results)")
        #expect(results.first?.statistics.encrypted == true)
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == "hello\nworld\n\tno newline\r\nCRLF kept\r\n")
        let stats = try await fleet.stats()
        let channel = stats["channel"] as? [String: Any] ?? [:]
        #expect(channel["handshakesCompleted"] as? Int == 1)
        #expect(channel["handshakesFailed"] as? Int == 0)
        #expect((stats["kmsCalls"] as? [String: Any])?["GenerateDataKey"] as? Int == 1)
    }

    @Test func largeOutputAndSeveralNodesThroughEncryptedSessions() async throws {
        let fleet = try await SimFleet.start(tasks: 3, arguments: ["--kms-key-id", Self.keyArn])
        defer { fleet.stop() }
        let (results, outputs) = await fleet.run { _ in "seq 1 3000" }
        let expected = (1...3000).map { "\($0)\n" }.joined()
        #expect(results.map(\.status) == [.ok, .ok, .ok])
        for result in results {
            #expect(String(decoding: outputs[result.node] ?? [], as: UTF8.self) == expected)
        }
    }

    @Test func aWrongEncryptionContextEndsTheNodeWithAPlainMessage() async throws {
        let fleet = try await SimFleet.start(tasks: 1, arguments: ["--kms-key-id", Self.keyArn])
        defer { fleet.stop() }
        var target = try #require(fleet.targets.first)
        target.runtimeId = "not-the-runtime-id"
        let wrong = SimFleet(sim: fleet.sim, transport: fleet.transport, client: fleet.client, targets: [target])
        let (results, _) = await wrong.run { _ in "echo never" }
        let result = try #require(results.first)
        guard case .error(let message) = result.status else {
            Issue.record("expected an error, got \(result.status)")
            return
        }
        #expect(message.contains("never started"), "\(message)")
        #expect(message.lowercased().contains("kms") || message.lowercased().contains("ciphertext") || message.lowercased().contains("handshake"), "\(message)")
        let channel = try await fleet.stats()["channel"] as? [String: Any] ?? [:]
        #expect(channel["handshakesFailed"] as? Int == 1)
    }

    @Test func aRefusedKMSCallNamesTheActionAndTheKey() async throws {
        let fleet = try await SimFleet.start(tasks: 1, arguments: ["--kms-key-id", Self.keyArn])
        defer { fleet.stop() }
        let client = fleet.client
        let badKeys = Credentials(accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: "wrong-secret-for-kms-000000000000")
        let kms = KMSClient(region: client.region, endpoint: fleet.sim.endpoint, credentialProvider: StaticProvider(credentials: badKeys),
                            transport: fleet.transport, retryPolicy: RetryPolicy(maxAttempts: 1))
        let runner = NodeRunner(ecs: { _ in client }, credentials: StaticProvider(credentials: SimFleet.credentials),
                                transport: NIOWebSocketTransport(), kms: { _ in kms })
        let (results, _) = await fleet.run({ _ in "echo never" }, runner: runner)
        let text = "\(results.first?.status as Any)"
        #expect(text.contains("kms:GenerateDataKey with key \(Self.keyArn) failed"), "\(text)")
        #expect(!text.contains("wrong-secret-for-kms"))
    }

    @Test func accessDeniedNamesTheIAMActionAndTheKey() {
        let error = AWSError(service: "kms", action: "GenerateDataKey", code: "AccessDeniedException",
                             message: "User is not authorized to perform: kms:GenerateDataKey", status: 400)
        let text = NodeRunner.describeKMS(error, keyId: "arn:aws:kms:eu-west-1:1:key/k")
        #expect(text.contains("kms:GenerateDataKey with key arn:aws:kms:eu-west-1:1:key/k failed: AccessDeniedException"))
        #expect(text.contains("allow kms:GenerateDataKey on that key"))
    }

    @Test func theTargetIdIsClusterNameTaskIdAndRuntimeId() async throws {
        let target = ExecTarget(node: "n", region: "eu-west-1", cluster: "arn:aws:ecs:eu-west-1:1:cluster/prod",
                                task: "arn:aws:ecs:eu-west-1:1:task/prod/abc123", container: "web", runtimeId: "abc123-0527")
        let ecs = ECSClient(region: "eu-west-1", endpoint: "http://127.0.0.1:9", credentials: SimFleet.credentials,
                            transport: CurlClient(configuration: .init(maxConnections: 1)))
        #expect(try await NodeRunner.kmsTargetId(of: target, ecs: ecs) == "ecs:prod_abc123_abc123-0527")
    }
}
