import AWSHTTP
import Foundation
import Testing
import TestSupport

/// The fault matrix of RELIABILITY.md: each row runs ecsnodes (the built binary) against
/// ecs-sim with faults on and asserts its promise. Seeds are fixed so a failure replays.
@Suite(.serialized)
struct FaultMatrixTests {
    static func names(_ run: CLI.Result) -> [String] { run.stdout.split(separator: "\n").map(String.init) }

    /// Row 1: 30 % throttling, 10 % 5xx, 5 % dropped connections and 10 % latency spikes of
    /// 200 ms on every call, over several pages of several clusters: the listing is complete
    /// and duplicate-free, and equals the fault-free one.
    @Test func inventoryUnderThrottlingErrorsResetsAndSpikesIsComplete() async throws {
        let fleet = ["--clusters", "3", "--tasks", "220", "--containers", "2", "--seed", "11"]
        let calm = try await SimServer.start(fleet)
        let expected = Self.names(try CLI.run(["nodes", "--endpoint-url", calm.endpoint, "--max-age", "0", "-o", "names"],
                                              environment: ExecCommandTests.environment(calm)))
        calm.stop()
        #expect(expected.count == 3 * 220 * 2)

        let stormy = try await SimServer.start(fleet + ["--throttle-rate", "0.3", "--error-rate", "0.1", "--reset-rate", "0.05",
                                                        "--spike-rate", "0.1", "--spike-ms", "200"])
        defer { stormy.stop() }
        let run = try CLI.run(["nodes", "--endpoint-url", stormy.endpoint, "--max-age", "0", "-o", "names"],
                              environment: ExecCommandTests.environment(stormy))
        #expect(run.status == 0, "\(run.stderr)")
        let names = Self.names(run)
        #expect(names == expected)
        #expect(Set(names).count == names.count)
        let stats = try await SimPeerStats.fetch(stormy.endpoint)
        #expect(stats.faults["throttle", default: 0] > 0 && stats.faults["error", default: 0] > 0)
        #expect(stats.faults["reset", default: 0] > 0 && stats.faults["spike", default: 0] > 0)
    }

    /// Row 2: one exec over a fleet where some nodes cannot run (exec disabled, agent stopped),
    /// ExecuteCommand is sometimes refused TargetNotConnected, and the channel drops,
    /// duplicates and reorders frames: every healthy node's output is byte-exact with its
    /// exit status, and every other node has a specific reason.
    @Test func execWithFailingNodesAndAFaultyChannelKeepsEachResultApart() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "24", "--containers", "1", "--seed", "5",
                                             "--exec-disabled-rate", "0.15", "--agent-stopped-rate", "0.15",
                                             "--drop-rate", "0.05", "--duplicate-rate", "0.05", "--reorder-rate", "0.05",
                                             "--lost-ack-rate", "0.05"])
        defer { sim.stop() }
        let run = try CLI.run(["exec", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", ".*", "--keep-going", "-o", "jsonl",
                               "--", "printf 'node %s\\n' \"${node.ECS:Task-ID}\"; exit 3"],
                              environment: ExecCommandTests.environment(sim))
        let objects = Self.jsonLines(run)
        let results = objects.filter { $0["status"] != nil }
        let lines = objects.filter { $0["line"] != nil }
        #expect(results.count == 24, "\(run.stderr)")
        let ran = results.filter { $0["exit"] as? Int == 3 }
        let skipped = results.filter { $0["status"] as? String == "skipped" }
        #expect(!ran.isEmpty && !skipped.isEmpty, "\(results)")
        #expect(ran.count + skipped.count == results.count, "\(results)")
        for result in skipped {
            let reason = result["error"] as? String ?? ""
            #expect(reason.contains("not enabled") || reason.contains("agent"), "\(reason)")
        }
        // Each node that ran printed exactly its own line, once.
        for result in ran {
            let node = result["node"] as! String
            let own = lines.filter { $0["node"] as? String == node }.map { $0["line"] as! String }
            #expect(own.count == 1 && own[0].hasPrefix("node "), "\(node): \(own)")
        }
        #expect(run.status == 1 || run.status == 9, "\(run.status): \(run.stderr)")
    }

    /// The environment of a run whose only credentials are the simulator's temporary keys,
    /// fetched from it as from ECS's container credentials endpoint.
    static func temporaryKeysEnvironment(_ sim: SimServer) -> [String: String] {
        var environment = ExecCommandTests.environment(sim)
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = sim.endpoint + "/_sim/credentials"
        return environment
    }

    /// Row 3: the temporary keys a poll started with are revoked after its fifth call (they
    /// still claim an hour to live): the calls refused with ExpiredTokenException are signed
    /// again with new keys, fetched once, and the listing equals the calm one.
    @Test func inventoryOutlivesCredentialsRevokedMidRun() async throws {
        let sim = try await SimServer.start(["--clusters", "3", "--tasks", "150", "--containers", "2", "--seed", "13",
                                             "--page-size", "20", "--revoke-credentials-after", "5"])
        defer { sim.stop() }
        let arguments = ["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "names"]
        let expected = Self.names(try CLI.run(arguments, environment: ExecCommandTests.environment(sim)))
        #expect(expected.count == 3 * 150 * 2)
        let run = try CLI.run(arguments, environment: Self.temporaryKeysEnvironment(sim))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.names(run) == expected)
        let stats = try await SimPeerStats.fetch(sim.endpoint)
        #expect(stats.credentials == ["issued": 2, "revoked": 1])
        #expect(stats.errors["ExpiredTokenException", default: 0] >= 1, "\(stats.errors)")
    }

    /// Row 4: keys that live three seconds (a margin for a loaded machine between fetching a key
    /// and the simulator checking it), over an exec of about four seconds: each call and each
    /// upgrade is signed with keys fetched before the old ones ran out, so none is refused.
    @Test func execRefreshesShortLivedCredentialsBeforeTheyRunOut() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "8", "--containers", "1", "--seed", "17",
                                             "--credential-lifetime", "3"])
        defer { sim.stop() }
        let run = try CLI.run(["exec", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", ".*", "--parallel", "2", "-o", "jsonl",
                               "--", "sleep 1; echo \"${node.ECS:Task-ID}\""],
                              environment: Self.temporaryKeysEnvironment(sim))
        #expect(run.status == 0, "\(run.stderr)")
        let results = Self.jsonLines(run).filter { $0["status"] != nil }
        #expect(results.count == 8 && results.allSatisfy { $0["exit"] as? Int == 0 }, "\(results)")
        let stats = try await SimPeerStats.fetch(sim.endpoint)
        #expect(stats.credentials["issued", default: 0] >= 3, "\(stats.credentials)")
        #expect(stats.errors["ExpiredTokenException"] == nil, "\(stats.errors)")
    }

    /// Row 5: the keys are revoked right after the second node's ExecuteCommand, before its
    /// WebSocket upgrade: the refused upgrade is signed again with new keys, the later nodes
    /// use those, and every node runs.
    @Test func execOutlivesCredentialsRevokedBetweenExecuteCommandAndTheUpgrade() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "4", "--containers", "1", "--seed", "19",
                                             "--revoke-credentials-after", "2"])
        defer { sim.stop() }
        let nodes = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "json"],
                                environment: ExecCommandTests.environment(sim))
        let run = try CLI.run(["exec", "--nodes-from", "-", "--endpoint-url", sim.endpoint, "--no-preflight", "--parallel", "1",
                               "--debug", "-o", "jsonl", "--", "echo ran"],
                              stdin: nodes.stdout, environment: Self.temporaryKeysEnvironment(sim))
        #expect(run.status == 0, "\(run.stderr)")
        let results = Self.jsonLines(run).filter { $0["status"] != nil }
        #expect(results.count == 4 && results.allSatisfy { $0["exit"] as? Int == 0 }, "\(results)")
        #expect(run.stderr.components(separatedBy: "signing it again with refreshed credentials").count == 2, "\(run.stderr)")
        let stats = try await SimPeerStats.fetch(sim.endpoint)
        #expect(stats.credentials == ["issued": 2, "revoked": 1])
    }

    static func jsonLines(_ run: CLI.Result) -> [[String: Any]] {
        run.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

/// `/_sim/stats`, the parts these tests read.
struct SimPeerStats: Decodable {
    var calls: [String: Int]
    var faults: [String: Int]
    var errors: [String: Int]
    /// Temporary keys `issued` and `revoked`.
    var credentials: [String: Int]

    static func fetch(_ endpoint: String) async throws -> SimPeerStats {
        let response = try await CurlClient().send(HTTPRequest(url: endpoint + "/_sim/stats"))
        return try JSONDecoder().decode(SimPeerStats.self, from: Data(response.body))
    }
}
