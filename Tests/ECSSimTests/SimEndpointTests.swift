import AWSHTTP
import AWSSigner
import Foundation
import NIOEmbedded
import NIOHTTP1
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

    /// With latency, calls overlap: the high-water mark is the most the client had in flight,
    /// and nothing stays counted once every call is answered.
    @Test func statsReportTheMostCallsInFlight() async throws {
        try await SimHarness.with(.demo, { $0.apiFaults.latencyMilliseconds = 150 }) { sim in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<5 { group.addTask { _ = try await sim.call("ListClusters", [:]) } }
                try await group.waitForAll()
            }
            _ = try await sim.call("ListClusters", [:])
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["maxInFlight"] as? Int == 5 && stats["inFlight"] as? Int == 0)
            _ = try await sim.sim("POST", "/_sim/reset")
            let reset = try await sim.sim("GET", "/_sim/stats").json
            #expect(reset["maxInFlight"] as? Int == 0 && reset["inFlight"] as? Int == 0)
        }
    }

    @Test func requestsAreLoggedWithTheirAnswers() async throws {
        try await SimHarness.with(.demo) { sim in
            _ = try await sim.call("ListTasks", ["cluster": "prod", "serviceName": "web", "maxResults": 5])
            _ = try await sim.error("ListTasks", ["cluster": "nope"])
            _ = try? await sim.client().send(action: "ListClusters", body: Array("{not json".utf8))
            let requests = try await sim.requests()
            #expect(requests.count == 3)
            #expect(requests[0]["action"] as? String == "ListTasks" && requests[0]["region"] as? String == "us-east-1")
            #expect(requests[0]["status"] as? Int == 200 && requests[0]["error"] == nil)
            let body = try #require(requests[0]["body"] as? [String: Any])
            #expect(body["serviceName"] as? String == "web" && body["maxResults"] as? Int == 5)
            #expect(requests[1]["status"] as? Int == 400 && requests[1]["error"] as? String == "ClusterNotFoundException")
            #expect(requests[2]["body"] as? String == "{not json" && requests[2]["error"] as? String == "SerializationException")
            _ = try await sim.sim("POST", "/_sim/reset")
            #expect(try await sim.requests().isEmpty)
        }
        let log = RequestLog(capacity: 2)
        for action in ["A", "B", "C"] { log.record(RequestLog.Entry(action: action, region: "r", body: [], status: 200)) }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(log.json)) as? [String: Any])
        #expect((document["requests"] as? [[String: Any]])?.map { $0["action"] as? String } == ["B", "C"])
        #expect(document["dropped"] as? Int == 1)
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

    /// curl asks `Expect: 100-continue` for bodies over 1 KiB: the simulator says go at once
    /// (checked on an embedded channel, where no timing is involved) and then answers.
    @Test func expectContinueIsAnsweredAtOnce() async throws {
        let channel = EmbeddedChannel(handler: ExpectContinueHandler())
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")
        head.headers.add(name: "Expect", value: "100-Continue")
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        guard case .head(let answer) = try channel.readOutbound(as: HTTPServerResponsePart.self) else {
            Issue.record("no 100 Continue")
            return
        }
        #expect(answer.status == .continue)
        guard case .head(let passed) = try channel.readInbound(as: HTTPServerRequestPart.self) else {
            Issue.record("the head was not passed on")
            return
        }
        #expect(passed.uri == "/")
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")))
        #expect(try channel.readOutbound(as: HTTPServerResponsePart.self) == nil)

        try await SimHarness.with(.demo) { sim in
            let body = try JSONSerialization.data(withJSONObject: ["cluster": "prod", "tasks": (0..<60).map { String(format: "%032x", $0) }])
            let request = try SignableRequest(method: "POST", url: sim.endpoint + "/", headers: [
                (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.DescribeTasks"),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "Expect", value: "100-continue"),
            ], body: Array(body))
            let signed = SigV4Signer(credentials: SimHarness.demoKeys, region: sim.region, service: "ecs").sign(request)
            let response = try await sim.transport.send(HTTPRequest(method: "POST", url: signed.url, headers: signed.headers, body: signed.body))
            #expect(response.status == 200)
        }
    }
}
