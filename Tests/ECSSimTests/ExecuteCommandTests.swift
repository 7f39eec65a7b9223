import AWSCore
import Foundation
import Testing
@testable import ECSSim

/// ExecuteCommand: the checks ECS makes, in its words, and a registered session on success.
struct ExecuteCommandTests {
    /// The first task of `cluster` that `matches`, from the demo fleet.
    static func task(_ sim: SimHarness, _ cluster: String, _ matches: (FleetTask) -> Bool) throws -> FleetTask {
        let found = sim.fleet.clusters.first { $0.name == cluster }?.tasks.first(where: matches)
        return try #require(found)
    }

    @Test func startsASessionInTheContainer() async throws {
        try await SimHarness.with(.demo) { sim in
            let task = try Self.task(sim, "payments") { _ in true }
            let answer = try await sim.call("ExecuteCommand", [
                "cluster": "payments", "task": task.arn, "container": "envoy", "command": "/bin/sh", "interactive": true,
            ])
            #expect(answer["clusterArn"] as? String == "arn:aws:ecs:us-east-1:123456789012:cluster/payments")
            #expect(answer["taskArn"] as? String == task.arn)
            #expect(answer["containerName"] as? String == "envoy")
            #expect(answer["containerArn"] as? String == task.containers[1].arn)
            #expect(answer["interactive"] as? Bool == true)
            let session = try #require(answer["session"] as? [String: String])
            let sessionId = try #require(session["sessionId"])
            #expect(sessionId.hasPrefix("ecs-execute-command-") && sessionId.count == 46)
            #expect(session["streamUrl"]?.hasPrefix(
                "ws://127.0.0.1:\(sim.simulator.port)/v1/data-channel/\(sessionId)?role=publish_subscribe&cell-number=") == true)
            #expect((session["tokenValue"]?.count ?? 0) > 100)
            let directory = "\(sim.simulator.configuration.stateDirectory)/payments/\(task.id)/envoy"
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["sessionsStarted"] as? Int == 1)

            // By task id, and without a container for a one-container task.
            let worker = try Self.task(sim, "prod") { $0.serviceName == "worker" }
            let second = try await sim.call("ExecuteCommand", ["cluster": "prod", "task": worker.id, "command": "ls", "interactive": true])
            #expect(second["containerName"] as? String == "worker")
            #expect((second["session"] as? [String: String])?["sessionId"] != sessionId)
        }
    }

    @Test func environmentLooksLikeTheContainers() throws {
        let fleet = try Fleet(spec: .demo)
        let sessions = ExecSessions(hub: .init(verifyUpgrade: { _ in false }), stateDirectory: "/state")
        let fargate = fleet.clusters[2].tasks[0]
        let environment = sessions.environment(task: fargate, container: fargate.containers[0], home: "/state/x")
        #expect(environment["HOSTNAME"] == fargate.eni?.privateDnsName)
        #expect(environment["HOSTNAME"]?.hasSuffix(".ec2.internal") == true)
        #expect(environment["ECS_CONTAINER_METADATA_URI_V4"] == "http://169.254.170.2/v4/\(fargate.containers[0].runtimeId)")
        #expect(environment["AWS_REGION"] == "us-east-1" && environment["HOME"] == "/state/x" && environment["PATH"] != nil)
        let bridged = try #require(fleet.clusters[0].tasks.first { $0.family == "nginx" })
        #expect(sessions.environment(task: bridged, container: bridged.containers[0], home: "/h")["HOSTNAME"]
            == String(bridged.containers[0].runtimeId.prefix(12)))
    }

    enum Case: String, CaseIterable, Sendable {
        case notInteractive, containerRequired, unknownContainer, unknownTask, badTaskLength, execDisabled, agentStopped
        case taskStopped, unknownCluster, targetNotConnected
    }

    static let unavailable = "The execute command failed because execute command was not enabled when the task was run or the execute "
        + "command agent isn't running. Wait and try the request again or run a new task with execute command enabled and try again."

    @Test(arguments: Case.allCases)
    func refusals(_ refusal: Case) async throws {
        try await SimHarness.with(.demo, { if refusal == .targetNotConnected { $0.apiFaults.targetNotConnectedRate = 1 } }) { sim in
            let petclinic = try Self.task(sim, "prod") { $0.serviceName == "petclinic" }
            let stoppedAgent = try Self.task(sim, "prod") { $0.containers.contains { $0.agentStatus == "STOPPED" } && $0.lastStatus == "RUNNING" }
            let nightly = try Self.task(sim, "prod") { !$0.enableExecuteCommand }
            let migration = try Self.task(sim, "staging") { $0.lastStatus == "STOPPED" }
            var body: [String: Any] = ["cluster": "prod", "task": petclinic.arn, "container": "app", "command": "/bin/sh", "interactive": true]
            let expected: (code: String, message: String)
            switch refusal {
            case .notInteractive:
                body["interactive"] = false
                expected = ("InvalidParameterException", "Interactive is the only mode supported currently.")
            case .containerRequired:
                body["container"] = nil
                expected = ("InvalidParameterException", "The task has more than one container; specify the container name.")
            case .unknownContainer:
                body["container"] = "nope"
                expected = ("InvalidParameterException", "The container nope does not exist in the task.")
            case .unknownTask:
                body["task"] = String(repeating: "a", count: 32)
                expected = ("InvalidParameterException", "The referenced task was not found.")
            case .badTaskLength:
                body["task"] = "abc"
                expected = ("InvalidParameterException", "task length should be one of [32,36]")
            case .execDisabled:
                body["task"] = nightly.arn
                body["container"] = nil
                expected = ("InvalidParameterException", Self.unavailable)
            case .agentStopped:
                body["task"] = stoppedAgent.arn
                expected = ("InvalidParameterException", Self.unavailable)
            case .taskStopped:
                body = ["cluster": "staging", "task": migration.id, "command": "ls", "interactive": true]
                expected = ("InvalidParameterException", Self.unavailable)
            case .unknownCluster:
                body["cluster"] = "nope"
                expected = ("ClusterNotFoundException", "Cluster not found.")
            case .targetNotConnected:
                expected = ("TargetNotConnectedException", "The execute command failed due to an internal error. Try again later.")
            }
            let error = try await sim.error("ExecuteCommand", body, client: sim.client(maxAttempts: 1))
            #expect(error.code == expected.code)
            #expect(error.message == expected.message)
            #expect(error.status == 400)
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["sessionsStarted"] as? Int == 0)
            #expect((stats["faults"] as? [String: Int])?["targetNotConnected"] == (refusal == .targetNotConnected ? 1 : nil))
        }
    }
}
