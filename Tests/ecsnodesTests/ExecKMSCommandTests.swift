import Foundation
import Testing
import TestSupport

/// `ecsnodes exec` through KMS-encrypted sessions of ecs-sim, run as a process.
@Suite(.serialized)
struct ExecKMSCommandTests {
    static let keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"

    @Test func encryptedSessionsGiveExactOutputAndDebugShowsNoSecret() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2", "--kms-key-id", Self.keyArn])
        defer { sim.stop() }
        let run = try ExecCommandTests.exec(sim, ["-F", ".*", "--group", "--debug", "--", "printf 'one\\ttwo\\n'; exit 4"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "one\ttwo\n").count == 3, "\(run.stdout)")
        #expect(run.stderr.contains("2 nodes: 0 ok, 2 failed"), "\(run.stderr)")
        #expect(run.stderr.contains("KMS data key received"))
        #expect(run.stderr.contains("EncChallengeRequest, answered"))
        // No secret: not the secret access key, and no long base64 or hex run (the 256-character
        // data-channel token, the 64-byte data key in base64 or hex, a ciphertext blob).
        #expect(!run.stderr.contains(SimServer.demoSecretAccessKey))
        let longRun = try Regex("[A-Za-z0-9+/]{40,}={0,2}|[0-9a-fA-F]{64,}")
        // The KMS context line names the container's runtime id (64 hex digits, not a secret).
        let scanned = run.stderr.split(separator: "\n").map { line in
            line.contains("aws:ssm:TargetId") ? String(line.prefix { $0 != "," }) : String(line)
        }.joined(separator: "\n")
        #expect(run.stderr.contains("aws:ssm:TargetId ecs:"))
        let found = scanned.matches(of: longRun).map { String(scanned[$0.range]) }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func theDemoFleetsKMSClusterWorksThroughTheCLI() async throws {
        let sim = try await SimServer.start(["--demo"])
        defer { sim.stop() }
        let names = try ExecCommandTests.nodeNames(sim, filter: "ECS:Cluster-Name: payments")
        let name = try #require(names.first)
        let run = try ExecCommandTests.exec(sim, ["--node", name, "-F", "ECS:Cluster-Name: payments", "--", "echo encrypted"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("encrypted\n") && run.stdout.contains(name), "\(run.stdout)")
    }

    /// Newer agents that require their random challenge back (`Kms.RequireKMSChallengeResponse`):
    /// it goes into the GenerateDataKey context and is acknowledged, and the session runs.
    @Test func agentsThatRequireTheRandomChallengeAcceptEcsnodes() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2", "--kms-key-id", Self.keyArn, "--kms-challenge"])
        defer { sim.stop() }
        let run = try ExecCommandTests.exec(sim, ["-F", ".*", "--debug", "--", "echo sealed"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "sealed\n").count == 3, "\(run.stdout)")
        #expect(run.stderr.contains("aws:ssm:RandomChallenge (the agent's)"), "\(run.stderr)")
    }
}
