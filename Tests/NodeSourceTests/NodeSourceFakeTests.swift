import AWSCore
import NodeModel
import Testing
@testable import NodeSource

/// NodeSource against the in-process ECS: pages, batches of 100, several regions, call
/// counts, the definition cache, bounded concurrency, and what it skips or tolerates.
struct NodeSourceFakeTests {
    static func source(_ fake: FakeECS, _ options: NodeSourceOptions, cache: TaskDefinitionCache = TaskDefinitionCache()) -> NodeSource {
        NodeSource(options: options, taskDefinitionCache: cache) { fake.client($0) }
    }

    /// Three clusters on two ListClusters pages; 250 tasks in `big` (3 ListTasks pages), 100 in
    /// `exact`, none in `empty`; three task definitions.
    static func bigFleet() -> FakeECS {
        FakeECS { state in
            state.pageSize = 2
            state.addTasks(200, cluster: "big", family: "web", service: "web", containers: ["web", "envoy"])
            state.addTasks(50, cluster: "big", family: "worker")
            state.addTasks(100, cluster: "exact", family: "api", service: "api", tags: ["env": "prod"])
            state.regions["eu-west-1"]?.append(FakeECS.Cluster(name: "empty"))
        }
    }

    @Test func callCountsAreTheMinimum() async throws {
        let fake = Self.bigFleet()
        fake.state.withLock { $0.pageSize = 100 }
        let snapshot = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"])).snapshot()
        #expect(snapshot.nodes.count == 200 * 2 + 50 + 100)
        #expect(snapshot.stats.apiCalls == ["ListClusters": 1, "ListTasks": 3 + 1 + 1, "DescribeTasks": 3 + 1, "DescribeTaskDefinition": 3])
        for (action, count) in snapshot.stats.apiCalls { #expect(fake.count(action) == count, "\(action)") }
        #expect(snapshot.stats.clusters == 3 && snapshot.stats.tasksDescribed == 350 && snapshot.stats.tasksSelected == 350)
        #expect(fake.calls("DescribeTasks").map { ($0["tasks"] as? [String])?.count ?? 0 }.sorted() == [50, 100, 100, 100])
        #expect(fake.calls("DescribeTasks").allSatisfy { $0["include"] as? [String] == ["TAGS"] })
        #expect(Set(snapshot.nodes.map(\.name)).count == snapshot.nodes.count)
        #expect(snapshot.stats.duration > .zero)
    }

    @Test func everyPageIsFollowedAndCounted() async throws {
        let fake = Self.bigFleet()  // 2 items a page
        let snapshot = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"])).snapshot()
        #expect(snapshot.nodes.count == 550)
        #expect(snapshot.stats.apiCalls["ListClusters"] == 2)
        #expect(snapshot.stats.apiCalls["ListTasks"] == 125 + 50 + 1)
        #expect(snapshot.stats.apiCalls["DescribeTasks"] == 3 + 1)  // batches of 100, whatever the page size
        #expect(fake.count("ListTasks") == 176)
    }

    @Test func aSharedCacheSkipsKnownDefinitions() async throws {
        let fake = Self.bigFleet()
        let cache = TaskDefinitionCache()
        let first = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"]), cache: cache).snapshot()
        let second = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"]), cache: cache).snapshot()
        #expect(first.stats.apiCalls["DescribeTaskDefinition"] == 3 && first.stats.taskDefinitionCacheHits == 0)
        #expect(second.stats.apiCalls["DescribeTaskDefinition"] == nil && second.stats.taskDefinitionCacheHits == 3)
        #expect(second.nodes == first.nodes)
        #expect(await cache.count == 3)
    }

    @Test func concurrencyIsBounded() async throws {
        let fake = FakeECS { state in
            state.delay = .milliseconds(50)
            for cluster in 0..<8 { state.addTasks(1, cluster: "c\(cluster)", family: "f\(cluster)") }
        }
        var options = NodeSourceOptions(regions: ["eu-west-1"])
        options.concurrency = 3
        let nodes = try await Self.source(fake, options).nodes()
        #expect(nodes.count == 8)
        #expect(fake.maxInFlight == 3)
    }

    @Test func serverSideFiltersWhenOneValueAllowsIt() async throws {
        let fake = Self.bigFleet()
        let options = NodeSourceOptions(regions: ["eu-west-1"], launchType: "FARGATE", services: ["api"], containerNames: ["app"])
        let snapshot = try await Self.source(fake, options).snapshot()
        #expect(snapshot.nodes.count == 100)
        #expect(snapshot.nodes.allSatisfy { $0.attributes["ECS:Service-Name"] == "api" })
        let sent = fake.calls("ListTasks")
        #expect(sent.allSatisfy { $0["serviceName"] as? String == "api" && $0["launchType"] as? String == "FARGATE" })
        #expect(sent.allSatisfy { $0["desiredStatus"] as? String == "RUNNING" })
        // `big` and `empty` have no service `api`: ServiceNotFoundException means no tasks there.
        #expect(snapshot.stats.apiCalls["DescribeTaskDefinition"] == 1)
    }

    @Test func tasksGoneBeforeDescribingAreSkippedAndCounted() async throws {
        let fake = FakeECS { state in
            state.addTasks(3, cluster: "prod", family: "web")
            state.vanished = [state.regions["eu-west-1"]![0].tasks[1].taskArn!]
        }
        let snapshot = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"])).snapshot()
        #expect(snapshot.nodes.count == 2 && snapshot.stats.describeFailures == 1 && snapshot.stats.tasksDescribed == 2)
    }

    @Test func aRefusedDefinitionLeavesTheNodesBuiltFromTheTask() async throws {
        let fake = FakeECS { state in
            state.addTasks(2, cluster: "prod", family: "web")
            state.denied = ["DescribeTaskDefinition"]
        }
        let snapshot = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1"])).snapshot()
        #expect(snapshot.nodes.count == 2 && snapshot.stats.taskDefinitionFailures == 1)
        #expect(snapshot.nodes.allSatisfy { $0.attributes["ECS:Task-Definition-Family"] == "web" && $0.attributes["ECS:CPU"] == nil })
    }

    @Test func severalRegionsAndNamedClusters() async throws {
        let fake = FakeECS { state in
            state.addTasks(2, region: "eu-west-1", cluster: "prod", family: "web")
            state.addTasks(1, region: "us-east-1", cluster: "prod", family: "web")
            state.addTasks(1, region: "us-east-1", cluster: "edge", family: "proxy")
        }
        let all = try await Self.source(fake, NodeSourceOptions(regions: ["eu-west-1", "us-east-1"])).nodes()
        #expect(all.map { $0.attributes["ECS:Region"]! } == ["eu-west-1", "eu-west-1", "us-east-1", "us-east-1"])
        // `edge` exists in us-east-1 only: not an error while some region has it.
        let named = try await Self.source(fake, NodeSourceOptions(clusters: ["edge"], regions: ["eu-west-1", "us-east-1"])).snapshot()
        #expect(named.nodes.map { $0.attributes["ECS:Cluster-Name"] } == ["edge"] && named.stats.clusters == 1)
        let byARN = try await Self.source(fake, NodeSourceOptions(
            clusters: ["arn:aws:ecs:us-east-1:123456789012:cluster/prod", "prod"], regions: ["eu-west-1"])).nodes()
        #expect(byARN.count == 3)
        let error = await #expect(throws: AWSError.self) {
            _ = try await Self.source(fake, NodeSourceOptions(clusters: ["nope"], regions: ["eu-west-1", "us-east-1"])).nodes()
        }
        #expect(error?.code == "ClusterNotFoundException")
    }

    @Test func noRegionIsAnError() async {
        await #expect(throws: NodeSourceError.noRegion) {
            _ = try await Self.source(FakeECS(), NodeSourceOptions(regions: [""])).nodes()
        }
    }
}
