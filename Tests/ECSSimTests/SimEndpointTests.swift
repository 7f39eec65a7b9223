import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import ECSSim

/// `/_sim/*`: health, stats, faults replaced at run time, counters reset.
struct SimEndpointTests {
    @Test func healthStatsAndReset() async throws {
        try await SimHarness.with(.demo) { sim in
            #expect(try await sim.sim("GET", "/_sim/health").json["status"] as? String == "ok")
            _ = try await sim.call("ListClusters", [:])
            _ = try await sim.call("ListTasks", ["cluster": "prod"])
            _ = try await sim.call("ListTasks", ["cluster": "staging"])
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["calls"] as? [String: Int] == ["ListClusters": 1, "ListTasks": 2])
            #expect(stats["totalCalls"] as? Int == 3)
            let channel = try #require(stats["channel"] as? [String: Int])
            #expect(channel["sessionsOpened"] == 0 && channel.keys.contains("framesSent"))
            #expect(try await sim.sim("POST", "/_sim/reset").status == 200)
            #expect(try await sim.sim("GET", "/_sim/stats").json["totalCalls"] as? Int == 0)
            #expect(try await sim.sim("GET", "/_sim/nope").status == 404)
        }
    }

    @Test func faultsAreReplacedAtRunTime() async throws {
        try await SimHarness.with(.demo) { sim in
            let client = sim.client(maxAttempts: 1)
            _ = try await sim.call("ListClusters", [:], client: client)
            let set = try await sim.sim("POST", "/_sim/faults", ["api": ["throttleRate": 1], "channel": ["dropRate": 0.25, "agentStartDelayMs": 40]])
            #expect(set.status == 200)
            #expect((set.json["api"] as? [String: Any])?["throttleRate"] as? Double == 1)
            #expect((set.json["channel"] as? [String: Any])?["dropRate"] as? Double == 0.25)
            #expect((set.json["channel"] as? [String: Any])?["agentStartDelayMs"] as? Int == 40)
            let throttled = try await sim.error("ListClusters", [:], client: client)
            #expect((throttled.code, throttled.message, throttled.status) == ("ThrottlingException", "Rate exceeded", 400))
            // A part given replaces the current one whole; a part left out stays.
            _ = try await sim.sim("POST", "/_sim/faults", ["api": ["errorRate": 1]])
            let failed = try await sim.error("ListClusters", [:], client: client)
            #expect((failed.code, failed.status) == ("ServerException", 500))
            let current = try await sim.sim("GET", "/_sim/faults").json
            #expect((current["channel"] as? [String: Any])?["dropRate"] as? Double == 0.25)
            // The channel faults go into the next session's spec, with a seed per session.
            #expect(sim.simulator.core.faults.channelFaultsForNextSession().dropRate == 0.25)
            _ = try await sim.sim("POST", "/_sim/faults", ["api": [String: Any](), "seed": 9])
            _ = try await sim.call("ListClusters", [:], client: client)
            let seeded = sim.simulator.core.faults.channelFaultsForNextSession()
            #expect(seeded.seed == 9)
            #expect(sim.simulator.core.faults.channelFaultsForNextSession().seed == 10)
        }
    }

    @Test func badFaultSettingsAreRefused() async throws {
        try await SimHarness.with(.demo) { sim in
            let outOfRange = try await sim.sim("POST", "/_sim/faults", ["api": ["throttleRate": 2], "channel": ["disconnectAfterBytes": -1]])
            #expect(outOfRange.status == 400)
            #expect(outOfRange.json["message"] as? String == "throttleRate must be between 0 and 1; disconnectAfterBytes must not be negative")
            #expect(try await sim.sim("POST", "/_sim/faults", ["api": ["throttleRate": "high"]]).status == 400)
            let current = try await sim.sim("GET", "/_sim/faults").json
            #expect((current["api"] as? [String: Any])?["throttleRate"] as? Double == 0)
        }
    }

    @Test func resetClosesTheConnectionWithoutAnAnswer() async throws {
        try await SimHarness.with(.demo, { $0.apiFaults.resetRate = 1 }) { sim in
            await #expect(throws: (any Error).self) { try await sim.client(maxAttempts: 1).listClusters() }
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect((stats["faults"] as? [String: Int])?["reset"] == 1)
        }
    }

    /// curl asks `Expect: 100-continue` for bodies over 1 KiB; the simulator says go at once
    /// instead of letting it wait a second.
    @Test func expectContinueIsAnsweredAtOnce() async throws {
        try await SimHarness.with(.demo) { sim in
            let body = try JSONSerialization.data(withJSONObject: ["cluster": "prod", "tasks": (0..<60).map { String(format: "%032x", $0) }])
            let request = try SignableRequest(method: "POST", url: sim.endpoint + "/", headers: [
                (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.DescribeTasks"),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "Expect", value: "100-continue"),
            ], body: Array(body))
            let signed = SigV4Signer(credentials: SimHarness.demoKeys, region: sim.region, service: "ecs").sign(request)
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await sim.transport.send(HTTPRequest(method: "POST", url: signed.url, headers: signed.headers, body: signed.body))
            #expect(response.status == 200)
            #expect(clock.now - start < .milliseconds(800))
        }
    }
}
