import Foundation
import NodeModel
import Testing
import TestSupport

/// `ecsnodes check` against ecs-sim's demo fleet (a task without exec and without a task
/// role, a task whose agent is stopped, a PENDING task, a KMS cluster) and a healthy fleet.
@Suite(.serialized)
struct CheckCommandTests {
    static func check(_ sim: SimServer, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check", "--endpoint-url", sim.endpoint, "--max-age", "0"] + arguments, environment: ExecCommandTests.environment(sim))
    }

    /// Every node's checks from `-o json`, by node name and check name.
    static func outcomes(_ text: String) throws -> [String: [String: [String: Any]]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(document["nodes"] as? [[String: Any]])
        var result: [String: [String: [String: Any]]] = [:]
        for node in nodes {
            let name = try #require(node["node"] as? String)
            for check in node["checks"] as? [[String: Any]] ?? [] { result[name, default: [:]][check["check"] as? String ?? ""] = check }
        }
        return result
    }

    @Test func demoFleetFailuresHaveTheirReasons() async throws {
        let sim = try await SimServer.start(["--demo"])
        defer { sim.stop() }
        let listed = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "json"], environment: ExecCommandTests.environment(sim))
        let nodes = try ResourceJSON.decode(Array(listed.stdout.utf8))
        let run = try Self.check(sim, ["-o", "json"])
        #expect(run.status == 10, "\(run.stderr)")
        let outcomes = try Self.outcomes(run.stdout)
        #expect(Set(outcomes.keys) == Set(nodes.map(\.name)))
        func status(_ node: Node, _ check: String) -> String? { outcomes[node.name]?[check]?["status"] as? String }
        func reason(_ node: Node, _ check: String) -> String { outcomes[node.name]?[check]?["reason"] as? String ?? "" }

        let report = try #require(nodes.first { $0[attribute: "ECS:Task-Definition-Family"] == "nightly-report" })
        #expect(status(report, "exec-enabled") == "fail" && reason(report, "exec-enabled").contains("without enableExecuteCommand"))
        #expect(status(report, "task-role") == "fail" && reason(report, "task-role").contains("no task role"))

        let stopped = nodes.filter { $0[attribute: "ECS:Exec-Agent-Status"] == "STOPPED" }
        #expect(!stopped.isEmpty)
        for node in stopped { #expect(status(node, "agent") == "fail" && reason(node, "agent").contains("STOPPED")) }

        let payments = nodes.filter { $0[attribute: "ECS:Cluster-Name"] == "payments" }
        #expect(!payments.isEmpty)
        for node in payments { #expect(status(node, "cluster-config") == "warn" && reason(node, "cluster-config").contains("KMS key")) }

        for node in nodes {
            #expect(status(node, "permission") == "unknown" && reason(node, "permission").contains("not checked"))
        }
        let healthy = try #require(nodes.first {
            $0[attribute: "ECS:Cluster-Name"] == "prod" && $0[attribute: "ECS:Exec-Agent-Status"] == "RUNNING" && $0[attribute: "ECS:Last-Status"] == "RUNNING"
        })
        for check in ["exec-enabled", "agent", "task-status", "platform", "task-role", "cluster-config"] {
            #expect(status(healthy, check) == "ok", "\(check): \(reason(healthy, check))")
        }

        let table = try Self.check(sim, [])
        #expect(table.status == 10)
        #expect(table.stdout.contains("\(report.name): exec-enabled FAIL: the task was started without enableExecuteCommand"))
        #expect(table.stdout.contains("\(nodes.count) nodes: "), "\(table.stdout)")
    }

    @Test func aHealthyFleetPassesAndAFilterNarrows() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2"])
        defer { sim.stop() }
        let run = try Self.check(sim, [])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let names = try ExecCommandTests.nodeNames(sim)
        #expect(run.stdout.contains("\(names.count) nodes: \(names.count) ready, 0 with warnings, 0 failing"), "\(run.stdout)")
        let one = try Self.check(sim, ["-F", "name: \(names[0])", "-o", "json"])
        #expect(one.status == 0)
        #expect(try Self.outcomes(one.stdout).keys.sorted() == [names[0]])
    }

    @Test func oldFargatePlatformFailsAndLoggingNoneWarns() async throws {
        let spec = """
            {"taskDefinitions": [{"family": "api", "taskRoleArn": "arn:aws:iam::123456789012:role/api", "containers": [{"name": "api", "image": "api:1"}]}],
             "clusters": [{"name": "quiet", "execLogging": "NONE", "services": [
               {"name": "old", "taskDefinition": "api", "launchType": "FARGATE", "platformVersion": "1.3.0", "desiredCount": 1},
               {"name": "new", "taskDefinition": "api", "launchType": "FARGATE", "platformVersion": "1.4.0", "desiredCount": 1}]}]}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-fleet-\(UUID().uuidString).json")
        try spec.write(to: file, atomically: true, encoding: .utf8)
        let sim = try await SimServer.start(["--fleet", file.path])
        defer { sim.stop() }
        let listed = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "json"], environment: ExecCommandTests.environment(sim))
        let nodes = try ResourceJSON.decode(Array(listed.stdout.utf8))
        let old = try #require(nodes.first { $0[attribute: "ECS:Service-Name"] == "old" })
        let new = try #require(nodes.first { $0[attribute: "ECS:Service-Name"] == "new" })
        let run = try Self.check(sim, ["-o", "json"])
        #expect(run.status == 10, "\(run.stderr)")
        let outcomes = try Self.outcomes(run.stdout)
        #expect(outcomes[old.name]?["platform"]?["status"] as? String == "fail")
        #expect((outcomes[old.name]?["platform"]?["reason"] as? String)?.contains("1.3.0 is older than 1.4.0") == true)
        #expect(outcomes[new.name]?["platform"]?["status"] as? String == "ok")
        for node in [old, new] {
            #expect(outcomes[node.name]?["cluster-config"]?["status"] as? String == "warn")
            #expect((outcomes[node.name]?["cluster-config"]?["reason"] as? String)?.contains("logging is NONE") == true)
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["summary"] as? [String: Int] == ["nodes": 2, "ready": 0, "warnings": 1, "failing": 1])
    }

    @Test func aRefusedLookupIsUnknownWithTheError() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2", "--deny", "DescribeClusters"])
        defer { sim.stop() }
        let run = try Self.check(sim, ["-o", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let outcomes = try Self.outcomes(run.stdout)
        #expect(outcomes.count == 2)
        for checks in outcomes.values {
            let reason = checks["cluster-config"]?["reason"] as? String ?? ""
            #expect(checks["cluster-config"]?["status"] as? String == "unknown")
            #expect(reason.contains("AccessDeniedException") && !reason.contains("\n"), "\(reason)")
            #expect(checks["task-role"]?["status"] as? String == "ok")
        }
    }

    /// A task whose containers share one PID namespace (`pidMode: task`) is a warning on each
    /// of its containers: ECS Exec reaches only one of them. One container alone is fine.
    @Test func sharedPIDNamespacesAreAWarning() async throws {
        let spec = """
            {"taskDefinitions": [
              {"family": "shared-pid", "pidMode": "task", "taskRoleArn": "arn:aws:iam::123456789012:role/app",
               "containers": [{"name": "app", "image": "nginx"}, {"name": "sidecar", "image": "busybox"}]},
              {"family": "solo", "pidMode": "task", "taskRoleArn": "arn:aws:iam::123456789012:role/app",
               "containers": [{"name": "app", "image": "nginx"}]}],
             "clusters": [{"name": "pid", "services": [
               {"name": "shared", "taskDefinition": "shared-pid", "desiredCount": 1, "launchType": "FARGATE"},
               {"name": "solo", "taskDefinition": "solo", "desiredCount": 1, "launchType": "FARGATE"}]}]}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-pid-\(UUID().uuidString).json")
        try spec.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let sim = try await SimServer.start(["--fleet", file.path])
        defer { sim.stop() }
        let run = try Self.check(sim, ["-o", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let outcomes = try Self.outcomes(run.stdout)
        #expect(outcomes.count == 3)
        let pidModes = outcomes.values.compactMap { $0["pid-mode"] }
        let warnings = pidModes.filter { $0["status"] as? String == "warn" }
        #expect(warnings.count == 2 && pidModes.filter { $0["status"] as? String == "ok" }.count == 1, "\(pidModes)")
        for warning in warnings {
            #expect((warning["reason"] as? String)?.contains("2 containers share one PID namespace (pidMode task)") == true, "\(warning)")
        }
    }
}
