import AWSCore
import AWSSigner
import Foundation
import NodeModel
import NodeSource
import Testing
@testable import ECSSim

/// Our NodeSource against the simulator over loopback: every container of a paginated fleet
/// becomes exactly one node with the fleet's values, in the fewest calls, also when the
/// simulator throttles, fails and drops connections.
struct NodeSourceAgainstSimTests {
    static let spec = FleetGenerator(clusters: 3, tasksPerCluster: 250, containersPerTask: 3, seed: 11).spec()

    /// The fewest calls a full poll of `fleet` needs: one ListClusters page per 100 clusters,
    /// then per cluster one ListTasks page and one DescribeTasks per 100 tasks, and one
    /// DescribeTaskDefinition per definition in use.
    static func minimumCalls(_ fleet: Fleet) -> [String: Int] {
        func pages(_ count: Int) -> Int { max(1, (count + 99) / 100) }
        let tasks = fleet.clusters.map { $0.tasks.filter { $0.desiredStatus == "RUNNING" }.count }
        return [
            "ListClusters": pages(fleet.clusters.count),
            "ListTasks": tasks.map(pages).reduce(0, +),
            "DescribeTasks": tasks.map { ($0 + 99) / 100 }.reduce(0, +),
            "DescribeTaskDefinition": Set(fleet.clusters.flatMap(\.tasks).map(\.taskDefinitionArn)).count,
        ]
    }

    static func source(_ harness: SimHarness, maxAttempts: Int = 3) -> NodeSource {
        NodeSource(options: NodeSourceOptions(regions: [harness.region], endpoint: harness.endpoint)) { _ in
            harness.client(maxAttempts: maxAttempts)
        }
    }

    @Test func listsEveryContainerOnceWithTheFleetsValues() async throws {
        try await SimHarness.with(Self.spec) { sim in
            let snapshot = try await Self.source(sim).snapshot()
            let nodes = snapshot.nodes
            #expect(nodes.count == 2250)
            #expect(Set(nodes.map(\.name)).count == 2250)
            let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0) })
            for cluster in sim.fleet.clusters {
                for task in cluster.tasks {
                    let definition = try #require(sim.fleet.taskDefinition(task.taskDefinitionArn))
                    for container in task.containers {
                        let name = "\(container.name)-\(container.arn.split(separator: "/").last!)"
                        let node = try #require(byName[name], "\(name)")
                        let expected: [String: String?] = [
                            "ECS:Cluster-Name": cluster.name, "ECS:Cluster-ARN": cluster.arn, "ECS:Task-ARN": task.arn,
                            "ECS:Task-ID": task.id, "ECS:Container-ARN": container.arn, "ECS:Container-Name": container.name,
                            "ECS:Container-Image": container.image, "ECS:Image-Digest": container.imageDigest,
                            "ECS:Runtime-ID": container.runtimeId, "ECS:Task-Launch-Type": task.launchType,
                            "ECS:Service-Name": task.serviceName, "ECS:Private-IP": task.eni?.privateIPv4Address,
                            "ECS:Exec-Agent-Status": "RUNNING", "ECS:Exec-Enabled": "true", "ECS:Availability-Zone": task.availabilityZone,
                            "ECS:Task-Definition-Family": definition.family, "ECS:Task-Definition-Revision": String(definition.revision),
                            "ECS:Region": "us-east-1", "ECS:Account-ID": "123456789012", "ECS:Tag:env": task.tags.first { $0.key == "env" }?.value,
                            "ECS:Platform-Version": task.platformVersion, "ECS:CPU": container.cpu,
                            "ECS:Memory-Reservation": container.memoryReservation ?? container.memory,
                        ]
                        for (attribute, value) in expected {
                            #expect(node.attributes[attribute] == value, "\(name) \(attribute)")
                        }
                        #expect(node.attributes["hostname"] == task.eni?.privateIPv4Address ?? task.id)
                    }
                }
            }
            let minimum = Self.minimumCalls(sim.fleet)
            #expect(minimum == ["ListClusters": 1, "ListTasks": 9, "DescribeTasks": 9, "DescribeTaskDefinition": 4])
            #expect(try await sim.calls() == minimum)
            #expect(snapshot.stats.apiCalls == minimum)
        }
    }

    @Test func throttlingServerErrorsAndResetsAreRetriedAway() async throws {
        try await SimHarness.with(Self.spec, { configuration in
            configuration.apiFaults = APIFaults(throttleRate: 0.15, errorRate: 0.1, resetRate: 0.05)
            configuration.seed = 5
        }) { sim in
            let nodes = try await Self.source(sim, maxAttempts: 12).nodes()
            #expect(nodes.count == 2250)
            #expect(Set(nodes.map(\.name)).count == 2250)
            let stats = try await sim.sim("GET", "/_sim/stats").json
            let faults = try #require(stats["faults"] as? [String: Int])
            let injected = ["throttle", "error", "reset"].map { faults[$0, default: 0] }.reduce(0, +)
            #expect(faults["throttle", default: 0] > 0 && faults["error", default: 0] > 0 && faults["reset", default: 0] > 0, "\(faults)")
            let minimum = Self.minimumCalls(sim.fleet).values.reduce(0, +)
            // Each injected fault costs one more call; a reset on a reused keep-alive connection
            // may cost two, as curl itself sends a request once more when a reused connection
            // dies before any answer (seen under load in CI).
            let total = try #require(stats["totalCalls"] as? Int)
            #expect((minimum + injected...minimum + injected + faults["reset", default: 0]).contains(total),
                    "\(total) calls for \(minimum) needed and \(injected) faults")
            let errors = try #require(stats["errors"] as? [String: Int])
            #expect(errors["ThrottlingException"] == faults["throttle"] && errors["ServerException"] == faults["error"])
        }
    }

    @Test func latencyDelaysEveryCall() async throws {
        try await SimHarness.with(FleetSpec.demo, { $0.apiFaults = APIFaults(latencyMilliseconds: 200) }) { sim in
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await sim.call("ListClusters", [:])
            #expect(clock.now - start >= .milliseconds(200))
            #expect(try await sim.sim("GET", "/_sim/stats").json["faults"] as? [String: Int] == ["latency": 1])
        }
    }

    @Test func wrongSecretFailsThePollWithTheSignatureHint() async throws {
        try await SimHarness.with(FleetSpec.demo) { sim in
            let keys = Credentials(accessKeyID: SimHarness.demoKeys.accessKeyID, secretAccessKey: "not-the-secret")
            let source = NodeSource(options: NodeSourceOptions(regions: [sim.region], endpoint: sim.endpoint)) { _ in sim.client(keys) }
            let error = try await #require(throws: AWSError.self) { try await source.nodes() }
            #expect(error.code == "InvalidSignatureException")
            #expect(error.status == 400)
            #expect(error.message.hasPrefix("The request signature we calculated does not match the signature you provided."))
            #expect(error.description.contains("hint: the secret access key does not match the access key id"))
            #expect(!error.description.contains("not-the-secret"))
        }
    }
}
