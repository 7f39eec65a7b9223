import AWSCore
import Foundation
import Testing
@testable import ECSSim

/// The answers AWS gives only sometimes, on demand: short pages, refused actions and
/// clusters, tasks that vanish between ListTasks and DescribeTasks.
struct APIFaultTests {
    static let paged = FleetGenerator(clusters: 3, tasksPerCluster: 7, containersPerTask: 1, servicesPerCluster: 3, seed: 2).spec()

    @Test func pageSizeCapsEveryListWhateverMaxResultsAsks() async throws {
        try await SimHarness.with(Self.paged, { $0.apiFaults.pageSize = 2 }) { sim in
            let client = sim.client()
            let cluster = sim.fleet.clusters[0]
            let (pages, arns) = try await sim.listAllTasks(client, cluster: cluster.name)
            #expect(pages == [2, 2, 2, 1])
            #expect(arns == cluster.tasks.map(\.arn))
            #expect(try await client.listTasks(ECS.ListTasksRequest(cluster: cluster.name, maxResults: 1)).items.count == 1)
            #expect(try await client.all(ECS.ListClustersRequest(maxResults: 100)) == sim.fleet.clusters.map(\.arn))
            #expect(try await client.all(ECS.ListServicesRequest(cluster: cluster.name)) == cluster.services.map(\.arn))
            #expect(try await sim.calls() == ["ListTasks": 5, "ListClusters": 2, "ListServices": 2])
        }
    }

    @Test func deniedActionsAnswerAccessDeniedLikeIAM() async throws {
        try await SimHarness.with(.demo, { $0.apiFaults.deny = ["DescribeTaskDefinition", "ListTasks"] }) { sim in
            let definition = try await sim.error("DescribeTaskDefinition", ["taskDefinition": "nginx"])
            #expect((definition.code, definition.status) == ("AccessDeniedException", 400))
            #expect(definition.message == "User: arn:aws:iam::123456789012:user/ecs-sim is not authorized to perform: "
                + "ecs:DescribeTaskDefinition on resource: * because no identity-based policy allows the ecs:DescribeTaskDefinition action")
            let tasks = try await sim.error("ListTasks", ["cluster": "prod"], client: sim.client(maxAttempts: 3))
            #expect(tasks.message.contains("perform: ecs:ListTasks on resource: arn:aws:ecs:us-east-1:123456789012:cluster/prod "))
            _ = try await sim.call("ListClusters", [:])
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["calls"] as? [String: Int] == ["DescribeTaskDefinition": 1, "ListTasks": 1, "ListClusters": 1], "not retried")
            #expect(stats["errors"] as? [String: Int] == ["AccessDeniedException": 2])
            #expect((stats["faults"] as? [String: Int])?["deny"] == 2)
        }
    }

    @Test func deniedClustersRefuseEveryCallThatNamesThem() async throws {
        let spec = FleetGenerator(clusters: 2, tasksPerCluster: 2, containersPerTask: 1, regions: ["us-east-1", "eu-west-1"]).spec()
        let ireland = "arn:aws:ecs:eu-west-1:123456789012:cluster/staging-02"
        try await SimHarness.with(spec, { $0.apiFaults.denyClusters = ["prod-01", ireland] }) { sim in
            let europe = sim.client(region: "eu-west-1")
            #expect(try await sim.client().allClusterArns().count == 1, "ListClusters names no cluster: still allowed")
            for (body, client) in [(["cluster": "prod-01"], sim.client()), (["cluster": "staging-02"], europe), (["cluster": ireland], europe)] {
                let error = try await sim.error("ListTasks", body, client: client)
                #expect(error.code == "AccessDeniedException", "\(body)")
            }
            let described = try await sim.error("DescribeClusters", ["clusters": ["prod-01"]])
            #expect(described.message.contains("ecs:DescribeClusters on resource: arn:aws:ecs:us-east-1:123456789012:cluster/prod-01 "))
            #expect(try await sim.error("DescribeTasks", ["cluster": "prod-01", "tasks": ["x"]]).code == "AccessDeniedException")
            // A name refuses the cluster in every region (before looking for it, as IAM does);
            // an ARN only in its own.
            #expect(try await sim.error("ListTasks", ["cluster": "prod-01"], client: europe).code == "AccessDeniedException")
            #expect(try await sim.error("ListTasks", ["cluster": "staging-02"]).code == "ClusterNotFoundException")
        }
    }

    @Test func vanishedTasksAreListedButReportedMissing() async throws {
        try await SimHarness.with(Self.paged) { sim in
            let cluster = sim.fleet.clusters[1]
            let gone = [cluster.tasks[1].arn, cluster.tasks[4].id]
            _ = try await sim.sim("POST", "/_sim/faults", ["api": ["vanishTasks": gone]])
            let client = sim.client()
            let listed = try await client.allTaskArns(cluster: cluster.name)
            #expect(listed == cluster.tasks.map(\.arn))
            let answer = try await client.describeTasks(ECS.DescribeTasksRequest(cluster: cluster.name, tasks: listed))
            #expect(answer.tasks?.map(\.taskArn) == listed.enumerated().filter { ![1, 4].contains($0.offset) }.map(\.element))
            #expect(answer.failures == [cluster.tasks[1].arn, cluster.tasks[4].arn].map { ECS.Failure(arn: $0, reason: "MISSING") })
            #expect((try await sim.sim("GET", "/_sim/stats").json["faults"] as? [String: Int])?["vanish"] == 2)
        }
    }

    /// The rate picks tasks from the fault seed and each task's ARN: the same tasks on every
    /// call and every run, about the share asked.
    @Test func vanishRateIsDecidedPerTask() async throws {
        let spec = FleetGenerator(clusters: 1, tasksPerCluster: 100, containersPerTask: 1).spec()
        try await SimHarness.with(spec, { $0.apiFaults.vanishRate = 0.25; $0.seed = 3 }) { sim in
            let cluster = sim.fleet.clusters[0]
            let expected = Set(cluster.tasks.filter { CallFaults(api: APIFaults(vanishRate: 0.25), seed: 3).vanishes($0) }.map(\.arn))
            #expect((10...40).contains(expected.count), "\(expected.count)")
            for _ in 0..<2 {
                let answer = try await sim.client().describeTasks(ECS.DescribeTasksRequest(cluster: cluster.name, tasks: cluster.tasks.map(\.arn)))
                #expect(Set(answer.failures?.compactMap(\.arn) ?? []) == expected)
                #expect(answer.tasks?.count == 100 - expected.count)
            }
        }
    }

    @Test func newFaultsRoundTripThroughSimFaultsAndAreChecked() async throws {
        try await SimHarness.with(.demo) { sim in
            let set = try await sim.sim("POST", "/_sim/faults", ["api": [
                "pageSize": 3, "deny": ["ListServices"], "denyClusters": ["staging"], "vanishRate": 0.5, "vanishTasks": ["abc"],
            ]])
            #expect(set.status == 200)
            let api = try #require(set.json["api"] as? [String: Any])
            #expect(api["pageSize"] as? Int == 3 && api["deny"] as? [String] == ["ListServices"])
            #expect(api["denyClusters"] as? [String] == ["staging"] && api["vanishRate"] as? Double == 0.5)
            #expect(api["vanishTasks"] as? [String] == ["abc"])
            #expect(try await sim.error("ListServices", ["cluster": "prod"]).code == "AccessDeniedException")
            let bad = try await sim.sim("POST", "/_sim/faults", ["api": ["pageSize": 0, "deny": ["RunTask"], "vanishRate": 1.5]])
            #expect(bad.status == 400)
            #expect(bad.json["message"] as? String
                == "vanishRate must be between 0 and 1; pageSize must be at least 1; deny names no action ecs-sim serves: RunTask")
            // A part given replaces the current one whole.
            _ = try await sim.sim("POST", "/_sim/faults", ["api": ["latencyMs": 1]])
            let current = try #require(try await sim.sim("GET", "/_sim/faults").json["api"] as? [String: Any])
            #expect(current["pageSize"] == nil && current["deny"] as? [String] == [])
            _ = try await sim.call("ListServices", ["cluster": "prod"])
        }
    }
}
