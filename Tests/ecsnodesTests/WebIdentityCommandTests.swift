import Foundation
import Testing
import TestSupport

/// Web-identity credentials end to end: ecsnodes reads the token file, exchanges it at
/// ecs-sim's STS (AssumeRoleWithWebIdentity) and signs its ECS calls with the keys it got.
@Suite(.serialized)
struct WebIdentityCommandTests {
    @Test func nodesWithAWebIdentityTokenAndItsRefusal() async throws {
        let sim = try await SimServer.start(["--clusters", "2", "--tasks", "5", "--web-identity-token", "good-token"])
        defer { sim.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        try "good-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        var environment = ExecCommandTests.environment(sim)
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile.path
        environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/ecsnodes-reader"
        environment["AWS_ENDPOINT_URL_STS"] = sim.endpoint
        let arguments = ["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "names"]
        let run = try CLI.run(arguments, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 10)
        #expect(try await SimPeerStats.fetch(sim.endpoint).credentials["issued"] == 1)

        try "stale-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let refused = try CLI.run(arguments, environment: environment)
        #expect(refused.status == 5, "\(refused.stderr)")
        #expect(refused.stderr.contains("sts:AssumeRoleWithWebIdentity on arn:aws:iam::123456789012:role/ecsnodes-reader failed: InvalidIdentityToken"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("stale-token"))
    }
}
