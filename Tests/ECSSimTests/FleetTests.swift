import SimSession
import Foundation
import Testing
@testable import ECSSim

/// Building fleets from specs and the generator: counts, derived values, determinism, and
/// the checks on a spec.
struct FleetTests {
    @Test func demoFleetHasWhatTheDocsPromise() throws {
        let fleet = try Fleet(spec: .demo)
        #expect(fleet.region == "us-east-1")
        #expect(fleet.clusters.map(\.name) == ["prod", "staging", "payments"])
        #expect((fleet.clusterCount, fleet.serviceCount, fleet.taskCount, fleet.containerCount) == (3, 6, 14, 20))
        let tasks = fleet.clusters.flatMap(\.tasks)
        #expect(tasks.contains { $0.containers.contains { $0.image.contains("/spring-petclinic:") } })
        #expect(Set(tasks.map(\.launchType)) == ["FARGATE", "EC2"])
        #expect(tasks.filter { !$0.enableExecuteCommand }.count == 1)
        #expect(tasks.filter { $0.lastStatus == "RUNNING" && $0.containers.contains { $0.agentStatus == "STOPPED" } }.count == 1)
        #expect(fleet.clusters.filter { $0.kmsKeyId != nil }.map(\.name) == ["payments"])
        #expect(Set(tasks.map(\.lastStatus)) == ["RUNNING", "STOPPED", "PENDING"])
    }

    @Test func demoSpecIsTheExampleFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo-fleet.json")
        #expect(try FleetSpec.load(path: file.path) == FleetSpec.demo)
    }

    @Test func sameSpecGivesTheSameFleetAndIdsDependOnlyOnTheirTask() throws {
        let generator = FleetGenerator(clusters: 2, tasksPerCluster: 30, containersPerTask: 2, seed: 7)
        let first = try Fleet(spec: generator.spec())
        let again = try Fleet(spec: generator.spec())
        #expect(first.clusters.flatMap(\.tasks).map(\.arn) == again.clusters.flatMap(\.tasks).map(\.arn))
        #expect(first.clusters.flatMap(\.tasks).flatMap(\.containers).map(\.runtimeId)
            == again.clusters.flatMap(\.tasks).flatMap(\.containers).map(\.runtimeId))
        var grown = generator.spec()
        grown.clusters[0].services![0].tasks![0].count! += 5
        let grownTasks = try Fleet(spec: grown).clusters[0].tasks.map(\.arn)
        #expect(Set(first.clusters[0].tasks.map(\.arn)).isSubset(of: grownTasks))
        let reseeded = try Fleet(spec: FleetGenerator(clusters: 2, tasksPerCluster: 30, containersPerTask: 2, seed: 8).spec())
        #expect(Set(reseeded.clusters[0].tasks.map(\.id)).isDisjoint(with: first.clusters[0].tasks.map(\.id)))
    }

    @Test func generatorMakesExactlyTheCountsAsked() throws {
        let fleet = try Fleet(spec: FleetGenerator(clusters: 3, tasksPerCluster: 250, containersPerTask: 3).spec(region: "eu-west-1"))
        #expect(fleet.region == "eu-west-1")
        #expect((fleet.clusterCount, fleet.taskCount, fleet.containerCount) == (3, 750, 2250))
        let tasks = fleet.clusters.flatMap(\.tasks)
        #expect(Set(tasks.map(\.id)).count == 750)
        #expect(Set(tasks.flatMap(\.containers).map(\.arn)).count == 2250)
        #expect(tasks.allSatisfy { $0.enableExecuteCommand && $0.lastStatus == "RUNNING" && $0.containers.allSatisfy { $0.agentStatus == "RUNNING" } })
        #expect(tasks.allSatisfy { $0.id.count == 32 && $0.arn == "arn:aws:ecs:eu-west-1:123456789012:task/\($0.clusterName)/\($0.id)" })
        #expect(Set(tasks.map(\.launchType)).count == 2, "some variety of launch types")
        #expect(Set(tasks.compactMap { $0.eni?.privateIPv4Address }).count == tasks.filter { $0.eni != nil }.count, "addresses are unique")
    }

    @Test func generatorRatesSetTasksAside() throws {
        let fleet = try Fleet(spec: FleetGenerator(clusters: 1, tasksPerCluster: 100, containersPerTask: 1, servicesPerCluster: 1,
                                                   execDisabledRate: 0.1, agentStoppedRate: 0.05, kmsKeyId: "key-1").spec())
        let tasks = fleet.clusters[0].tasks
        #expect(tasks.filter { !$0.enableExecuteCommand }.count == 10)
        #expect(tasks.filter { $0.containers[0].agentStatus == "STOPPED" }.count == 5)
        #expect(tasks.filter { !$0.enableExecuteCommand }.allSatisfy { $0.containers[0].agentStatus == nil })
        #expect(fleet.clusters[0].kmsKeyId == "key-1")
    }

    /// Start-up time is bench/sim_startup.sh's to measure (release build); here only that
    /// 10,000 tasks come out whole and distinct.
    @Test func tenThousandTasks() throws {
        let fleet = try Fleet(spec: FleetGenerator(clusters: 10, tasksPerCluster: 1000, containersPerTask: 3).spec())
        #expect((fleet.taskCount, fleet.containerCount) == (10_000, 30_000))
        #expect(Set(fleet.clusters.flatMap(\.tasks).map(\.arn)).count == 10_000)
        #expect(fleet.clusters.allSatisfy { $0.taskIndex.count == 1000 })
    }

    static let definition = TaskDefinitionSpec(family: "app", containers: [ContainerSpec(name: "app", image: "nginx")])

    @Test(arguments: [
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a"), ClusterSpec(name: "a")]),
         FleetSpecError.duplicate(kind: "cluster", name: "a")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "bad name")]),
         .invalidName(kind: "cluster", name: "bad name")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", services: [ServiceSpec(name: "s", taskDefinition: "nope:1")])]),
         .unknownTaskDefinition("nope:1", usedBy: "service a/s")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", tasks: [TaskGroupSpec(count: 1)])]),
         .missingTaskDefinition(cluster: "a")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", services: [ServiceSpec(name: "s", taskDefinition: "app", launchType: "EC3")])]),
         .invalidValue(field: "launchType", value: "EC3", allowed: FleetBuilder.launchTypes)),
        (FleetSpec(taskDefinitions: [TaskDefinitionSpec(family: "b", networkMode: "bridge", containers: definition.containers)],
                   clusters: [ClusterSpec(name: "a", services: [ServiceSpec(name: "s", taskDefinition: "b", launchType: "FARGATE")])]),
         .fargateNeedsAWSVPC(family: "b")),
        (FleetSpec(taskDefinitions: [TaskDefinitionSpec(family: "c", containers: [])], clusters: []), .noContainers(family: "c")),
        (FleetSpec(taskDefinitions: [definition, definition], clusters: []), .duplicate(kind: "task definition", name: "app:1")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", tasks: [TaskGroupSpec(count: -1, taskDefinition: "app")])]),
         .invalidNumber(field: "count of standalone tasks of a", value: -1)),
    ])
    func specErrors(spec: FleetSpec, error: FleetSpecError) {
        #expect(throws: error) { try Fleet(spec: spec) }
    }

    @Test func malformedSpecNamesTheField() {
        let json = #"{"taskDefinitions": [], "clusters": [{"name": "a", "services": [{"name": 5}]}]}"#
        #expect(throws: FleetSpecError.malformed("expected String at clusters[0].services[0].name")) {
            try FleetSpec.decode(Data(json.utf8))
        }
        #expect(throws: FleetSpecError.malformed("not valid JSON")) { try FleetSpec.decode(Data("{".utf8)) }
    }

    @Test func seededRandomIsStableAndKeyed() {
        var a = SeededRandom(seed: 1, "x", "1"), b = SeededRandom(seed: 1, "x", "1"), c = SeededRandom(seed: 1, "x1")
        #expect(a.next() == b.next())
        #expect(a.next() != c.next())
        var uuids = SeededRandom(seed: 3)
        let uuid = uuids.uuid()
        #expect(uuid.count == 36 && uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(uuid)[14] == "4" && "89ab".contains(Array(uuid)[19]))
    }
}

/// DescribeTasks answers come from cached per-task JSON; they must equal plain encoding.
@Test func cachedDescribeTasksJSONEqualsPlainEncoding() throws {
    let fleet = try Fleet(spec: FleetGenerator(clusters: 1, tasksPerCluster: 3, containersPerTask: 2).spec())
    let cluster = fleet.clusters[0]
    let cache = TaskJSONCache()
    for includeTags in [true, false, true] {
        let response = DescribeTasksResponse(tasks: cluster.tasks.map { TaskShape($0, includeTags: includeTags) },
                                             failures: [FailureShape(arn: "arn:aws:ecs:us-east-1:123456789012:task/x/missing")])
        #expect(cache.body(response) == JSONBody.encode(response))
    }
}
