import AWSCore
import NodeModel
import Testing
@testable import NodeSource

/// NodeSource against ecs-sim over loopback: pages, batches of 100, several regions, call
/// counts (its own and the simulator's), the definition cache, bounded concurrency, and what
/// it skips, tolerates or reports. Each test runs its own simulator, so its counts are its own.
struct NodeSourceSimTests {
    /// Three clusters in eu-west-1: 250 tasks in `big` (3 ListTasks pages of 100), 100 in
    /// `exact`, none in `empty`; three task definitions.
    static func bigFleet() -> SimFleet {
        var fleet = SimFleet()
        fleet.addTasks(200, cluster: "big", family: "web", service: "web", containers: ["web", "envoy"])
        fleet.addTasks(50, cluster: "big", family: "worker")
        fleet.addTasks(100, cluster: "exact", family: "api", service: "api", tags: ["env": "prod"])
        fleet.addCluster("empty")
        return fleet
    }

    static let ireland = NodeSourceOptions(regions: ["eu-west-1"])

    @Test func callCountsAreTheMinimum() async throws {
        let sim = try await Self.bigFleet().start()
        defer { sim.stop() }
        let snapshot = try await sim.source(Self.ireland).snapshot()
        #expect(snapshot.nodes.count == 200 * 2 + 50 + 100)
        #expect(snapshot.stats.apiCalls == ["ListClusters": 1, "ListTasks": 3 + 1 + 1, "DescribeTasks": 3 + 1, "DescribeTaskDefinition": 3])
        let stats = try await sim.stats()
        #expect(stats.calls == snapshot.stats.apiCalls)
        #expect(stats.errors.isEmpty)
        #expect(snapshot.stats.clusters == 3 && snapshot.stats.tasksDescribed == 350 && snapshot.stats.tasksSelected == 350)
        let describes = try await sim.requests("DescribeTasks")
        #expect(describes.map { ($0.body["tasks"] as? [String])?.count ?? 0 }.sorted() == [50, 100, 100, 100])
        #expect(describes.allSatisfy { $0.body["include"] as? [String] == ["TAGS"] })
        #expect(snapshot.nodes.filter { $0.attributes["ECS:Tag:env"] == "prod" }.count == 100)
        #expect(Set(snapshot.nodes.map(\.name)).count == snapshot.nodes.count)
        #expect(snapshot.failures.isEmpty)
        #expect(snapshot.stats.duration > .zero)
    }

    @Test func everyPageIsFollowedAndCounted() async throws {
        let sim = try await Self.bigFleet().start(["--page-size", "2"])
        defer { sim.stop() }
        let snapshot = try await sim.source(Self.ireland).snapshot()
        #expect(snapshot.nodes.count == 550)
        #expect(snapshot.stats.apiCalls["ListClusters"] == 2)
        #expect(snapshot.stats.apiCalls["ListTasks"] == 125 + 50 + 1)
        #expect(snapshot.stats.apiCalls["DescribeTasks"] == 3 + 1)  // batches of 100, whatever the page size
        let stats = try await sim.stats()
        #expect(stats.calls == snapshot.stats.apiCalls)
        #expect(stats.calls["ListTasks"] == 176)
        // Every page asked for 100 and got 2 (or the last 0 or 1).
        #expect(try await sim.requests("ListTasks").allSatisfy { $0.body["maxResults"] as? Int == 100 && $0.error == nil })
    }

    @Test func aSharedCacheSkipsKnownDefinitions() async throws {
        let sim = try await Self.bigFleet().start()
        defer { sim.stop() }
        let cache = TaskDefinitionCache()
        let first = try await sim.source(Self.ireland, cache: cache).snapshot()
        let second = try await sim.source(Self.ireland, cache: cache).snapshot()
        #expect(first.stats.apiCalls["DescribeTaskDefinition"] == 3 && first.stats.taskDefinitionCacheHits == 0)
        #expect(second.stats.apiCalls["DescribeTaskDefinition"] == nil && second.stats.taskDefinitionCacheHits == 3)
        #expect(second.nodes == first.nodes)
        #expect(await cache.count == 3)
        #expect(try await sim.stats().calls["DescribeTaskDefinition"] == 3)
    }

    @Test func concurrencyIsBounded() async throws {
        var fleet = SimFleet()
        for cluster in 0..<8 { fleet.addTasks(1, cluster: "c\(cluster)", family: "f\(cluster)") }
        let sim = try await fleet.start(["--latency-ms", "100"])
        defer { sim.stop() }
        var options = Self.ireland
        options.concurrency = 3
        let nodes = try await sim.source(options).nodes()
        #expect(nodes.count == 8)
        let stats = try await sim.stats()
        #expect(stats.maxInFlight == 3)
        #expect(stats.totalCalls == 1 + 8 + 8 + 8)
    }

    @Test func serverSideFiltersWhenOneValueAllowsIt() async throws {
        let sim = try await Self.bigFleet().start()
        defer { sim.stop() }
        let options = NodeSourceOptions(regions: ["eu-west-1"], launchType: "FARGATE", services: ["api"], containerNames: ["app"])
        let snapshot = try await sim.source(options).snapshot()
        #expect(snapshot.nodes.count == 100)
        #expect(snapshot.nodes.allSatisfy { $0.attributes["ECS:Service-Name"] == "api" })
        let sent = try await sim.requests("ListTasks")
        #expect(sent.count == 3)
        #expect(sent.allSatisfy { $0.body["serviceName"] as? String == "api" && $0.body["launchType"] as? String == "FARGATE" })
        #expect(sent.allSatisfy { $0.body["desiredStatus"] as? String == "RUNNING" })
        // `big` and `empty` have no service `api`: ServiceNotFoundException means no tasks there.
        #expect(sent.compactMap(\.error) == ["ServiceNotFoundException", "ServiceNotFoundException"])
        #expect(snapshot.failures.isEmpty)
        #expect(snapshot.stats.apiCalls["DescribeTaskDefinition"] == 1)
    }

    @Test func tasksGoneBeforeDescribingAreSkippedAndCounted() async throws {
        var fleet = SimFleet()
        fleet.addTasks(3, cluster: "prod", family: "web")
        let sim = try await fleet.start()
        defer { sim.stop() }
        let listed = try await sim.client("eu-west-1").allTaskArns(cluster: "prod")
        try await sim.setAPIFaults(["vanishTasks": [listed[1]]])
        try await sim.reset()
        let snapshot = try await sim.source(Self.ireland).snapshot()
        #expect(snapshot.nodes.count == 2 && snapshot.stats.describeFailures == 1 && snapshot.stats.tasksDescribed == 2)
        #expect(!snapshot.nodes.contains { $0.attributes["ECS:Task-ARN"] == listed[1] })
        #expect(snapshot.failures.isEmpty)
        #expect(try await sim.stats().faults["vanish"] == 1)
    }

    /// ecs-sim's DescribeTasks, like ECS's, carries the sizes and images a definition would
    /// add: the nodes built from the task alone are the nodes built with the definition.
    @Test func aRefusedDefinitionLeavesTheNodesBuiltFromTheTask() async throws {
        var fleet = SimFleet()
        fleet.addTasks(2, cluster: "prod", family: "web")
        let sim = try await fleet.start(["--deny", "DescribeTaskDefinition"])
        defer { sim.stop() }
        let refused = try await sim.source(Self.ireland).snapshot()
        #expect(refused.nodes.count == 2 && refused.stats.taskDefinitionFailures == 1)
        #expect(refused.nodes.allSatisfy { $0.attributes["ECS:Task-Definition-Family"] == "web" && $0.attributes["ECS:CPU"] == "256" })
        #expect(refused.failures.isEmpty)
        let stats = try await sim.stats()
        #expect(stats.calls["DescribeTaskDefinition"] == 1 && stats.errors == ["AccessDeniedException": 1], "refusals are not retried")

        try await sim.setAPIFaults([:])
        let allowed = try await sim.source(Self.ireland).snapshot()
        #expect(allowed.stats.taskDefinitionFailures == 0 && allowed.stats.apiCalls["DescribeTaskDefinition"] == 1)
        #expect(allowed.nodes == refused.nodes)
    }

    static func twoRegions() -> SimFleet {
        var fleet = SimFleet()
        fleet.addTasks(2, region: "eu-west-1", cluster: "prod", family: "web")
        fleet.addTasks(1, region: "us-east-1", cluster: "prod", family: "web")
        fleet.addTasks(1, region: "us-east-1", cluster: "edge", family: "proxy")
        return fleet
    }

    @Test func severalRegionsAndNamedClusters() async throws {
        let sim = try await Self.twoRegions().start()
        defer { sim.stop() }
        let all = try await sim.source(NodeSourceOptions(regions: ["eu-west-1", "us-east-1"])).nodes()
        #expect(all.map { $0.attributes["ECS:Region"]! } == ["eu-west-1", "eu-west-1", "us-east-1", "us-east-1"])
        #expect(all.map { $0.attributes["ECS:Cluster-ARN"]! } == [
            "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
            "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "arn:aws:ecs:us-east-1:123456789012:cluster/edge",
        ])
        #expect(Set(try await sim.requests("ListClusters").compactMap(\.region)) == ["eu-west-1", "us-east-1"])
        // `edge` exists in us-east-1 only: not an error while some region has it.
        let named = try await sim.source(NodeSourceOptions(clusters: ["edge"], regions: ["eu-west-1", "us-east-1"])).snapshot()
        #expect(named.nodes.map { $0.attributes["ECS:Cluster-Name"] } == ["edge"] && named.stats.clusters == 1)
        #expect(named.failures.isEmpty)
        let byARN = try await sim.source(NodeSourceOptions(
            clusters: ["arn:aws:ecs:us-east-1:123456789012:cluster/prod", "prod"], regions: ["eu-west-1"])).nodes()
        #expect(byARN.count == 3)
        let error = await #expect(throws: AWSError.self) {
            _ = try await sim.source(NodeSourceOptions(clusters: ["nope"], regions: ["eu-west-1", "us-east-1"])).nodes()
        }
        #expect(error?.code == "ClusterNotFoundException")
    }

    /// One cluster refused (an IAM policy that names only other clusters): the rest is
    /// listed, and the failure names the cluster and its region.
    @Test func aFailingClusterIsReportedWhileTheOthersAreListed() async throws {
        let refused = "arn:aws:ecs:us-east-1:123456789012:cluster/prod"
        let sim = try await Self.twoRegions().start(["--deny-cluster", refused])
        defer { sim.stop() }
        let snapshot = try await sim.source(NodeSourceOptions(regions: ["eu-west-1", "us-east-1"])).snapshot()
        #expect(snapshot.nodes.map { "\($0.attributes["ECS:Region"]!)/\($0.attributes["ECS:Cluster-Name"]!)" }
            == ["eu-west-1/prod", "eu-west-1/prod", "us-east-1/edge"])
        #expect(snapshot.stats.clusters == 2)
        let failure = try #require(snapshot.failures.first)
        #expect(snapshot.failures.count == 1)
        #expect(failure.region == "us-east-1" && failure.cluster == refused && !failure.isNetwork)
        #expect(failure.message.contains("AccessDeniedException") && failure.message.contains("ecs:ListTasks on resource: \(refused)"))
        #expect(failure.description.hasPrefix("cluster prod in us-east-1: "))
        let stats = try await sim.stats()
        #expect(stats.errors == ["AccessDeniedException": 1] && stats.faults["deny"] == 1)
    }

    @Test func noRegionIsAnError() async {
        let source = NodeSource(options: NodeSourceOptions(regions: [""])) { _ in
            Issue.record("no client is needed without a region")
            throw NodeSourceError.noRegion
        }
        await #expect(throws: NodeSourceError.noRegion) { _ = try await source.nodes() }
    }
}
