import AWSCore
import Foundation
import Testing
@testable import ECSSim

/// Several regions in one simulator: clusters placed per region by the spec or the
/// generator, ARNs and ids of their own region, and every call answered from the region its
/// signature is scoped to (an unserved one is empty).
struct RegionTests {
    static let definition = TaskDefinitionSpec(family: "web", containers: [ContainerSpec(name: "app", image: "nginx:1.27")])

    /// `prod` in eu-west-1 (the spec's region) and in us-east-1, `edge` in us-east-1 only.
    static let spec = FleetSpec(region: "eu-west-1", taskDefinitions: [definition], clusters: [
        ClusterSpec(name: "prod", services: [ServiceSpec(name: "web", taskDefinition: "web", desiredCount: 2)]),
        ClusterSpec(name: "prod", region: "us-east-1", services: [ServiceSpec(name: "web", taskDefinition: "web", desiredCount: 1)]),
        ClusterSpec(name: "edge", region: "us-east-1", tasks: [TaskGroupSpec(count: 3, taskDefinition: "web")]),
    ])

    @Test func clustersLiveInTheirRegionWithItsARNsAndIds() throws {
        let fleet = try Fleet(spec: Self.spec)
        #expect(fleet.region == "eu-west-1" && fleet.regions == ["eu-west-1", "us-east-1"])
        #expect(fleet.clusters.map(\.arn) == [
            "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            "arn:aws:ecs:us-east-1:123456789012:cluster/edge",
        ])
        let tasks = fleet.clusters.flatMap(\.tasks)
        #expect(tasks.allSatisfy { $0.arn.hasPrefix("arn:aws:ecs:\($0.region):") && $0.taskDefinitionArn.hasPrefix("arn:aws:ecs:\($0.region):") })
        #expect(Set(tasks.map(\.id)).count == 6, "a cluster of the same name in another region has other ids")
        #expect(Set(tasks.flatMap(\.containers).map(\.arn)).count == 6)
        #expect(fleet.clusters[1].tasks[0].availabilityZone.hasPrefix("us-east-1"))
        #expect(fleet.clusters[0].tasks[0].eni?.privateDnsName.hasSuffix(".eu-west-1.compute.internal") == true)
        // Every served region has the spec's task definitions, with its own ARNs.
        #expect(fleet.serving("us-east-1").taskDefinition("web")?.arn == "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1")
        #expect(fleet.serving("eu-west-1").taskDefinition("web")?.arn == "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1")
        #expect(fleet.serving("ap-south-1").clusters.isEmpty && fleet.serving("ap-south-1").taskDefinition("web") == nil)
    }

    @Test func generatorSpreadsClustersOverTheRegions() throws {
        let spec = FleetGenerator(clusters: 5, tasksPerCluster: 4, containersPerTask: 1, regions: ["eu-west-1", "us-east-1"])
            .spec(region: "eu-west-1")
        #expect(spec.clusters.map(\.region) == ["eu-west-1", "us-east-1", "eu-west-1", "us-east-1", "eu-west-1"])
        let fleet = try Fleet(spec: spec)
        #expect(fleet.serving("eu-west-1").clusters.count == 3 && fleet.serving("us-east-1").clusters.count == 2)
        #expect(fleet.taskCount == 20)
    }

    @Test(arguments: [
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", region: "eu-west-1"), ClusterSpec(name: "a", region: "eu-west-1")]),
         FleetSpecError.duplicate(kind: "cluster", name: "a")),
        (FleetSpec(taskDefinitions: [definition], clusters: [ClusterSpec(name: "a", region: "EU West")]), .invalidRegion("EU West")),
        (FleetSpec(region: "", taskDefinitions: [definition], clusters: []), .invalidRegion("")),
    ])
    func regionErrors(spec: FleetSpec, error: FleetSpecError) {
        #expect(throws: error) { try Fleet(spec: spec) }
    }

    @Test func theSignaturesRegionPicksTheFleet() async throws {
        try await SimHarness.with(Self.spec) { sim in
            let ireland = sim.client(region: "eu-west-1"), virginia = sim.client(region: "us-east-1")
            #expect(try await ireland.allClusterArns() == ["arn:aws:ecs:eu-west-1:123456789012:cluster/prod"])
            #expect(try await virginia.allClusterArns() == [
                "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "arn:aws:ecs:us-east-1:123456789012:cluster/edge",
            ])
            #expect(try await ireland.allTaskArns(cluster: "prod").count == 2)
            #expect(try await virginia.allTaskArns(cluster: "prod").count == 1)
            let elsewhere = try await sim.error("ListTasks", ["cluster": "edge"], client: ireland)
            #expect(elsewhere.code == "ClusterNotFoundException")
            // An ARN of another region is not found here, as in ECS.
            let foreign = try await sim.error("ListTasks", ["cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/prod"], client: ireland)
            #expect(foreign.code == "ClusterNotFoundException")
            let definition = try await virginia.describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(taskDefinition: "web"))
            #expect(definition.taskDefinition?.taskDefinitionArn == "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1")
            // A region the fleet has nothing in answers as an empty region does.
            let tokyo = sim.client(region: "ap-northeast-1")
            #expect(try await tokyo.allClusterArns().isEmpty)
            #expect(try await sim.error("DescribeTaskDefinition", ["taskDefinition": "web"], client: tokyo).code == "ClientException")
            let regions = try await sim.requests().map { $0["region"] as? String }
            #expect(regions == ["eu-west-1", "us-east-1", "eu-west-1", "us-east-1", "eu-west-1", "eu-west-1", "us-east-1",
                                "ap-northeast-1", "ap-northeast-1"])
        }
    }

    @Test func pageTokensBelongToTheirRegion() async throws {
        let spec = FleetGenerator(clusters: 4, tasksPerCluster: 1, containersPerTask: 1, regions: ["eu-west-1", "us-east-1"])
            .spec(region: "eu-west-1")
        try await SimHarness.with(spec) { sim in
            let page = try await sim.client(region: "eu-west-1").listClusters(ECS.ListClustersRequest(maxResults: 1))
            let token = try #require(page.nextToken)
            let error = try await sim.error("ListClusters", ["maxResults": 1, "nextToken": token], client: sim.client(region: "us-east-1"))
            #expect(error.code == "InvalidParameterException")
        }
    }

    @Test func execSessionsGetTheirTasksRegion() throws {
        let fleet = try Fleet(spec: Self.spec)
        let sessions = ExecSessions(hub: .init(verifyUpgrade: { _ in false }), stateDirectory: "/state")
        let task = fleet.clusters[2].tasks[0]
        let environment = sessions.environment(task: task, container: task.containers[0], home: "/state/x")
        #expect(environment["AWS_REGION"] == "us-east-1" && environment["AWS_DEFAULT_REGION"] == "us-east-1")
    }
}
