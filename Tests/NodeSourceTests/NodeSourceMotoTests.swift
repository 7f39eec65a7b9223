import AWSCore
import AWSHTTP
import Foundation
import NodeModel
import Testing
import TestSupport
@testable import NodeSource

/// NodeSource against moto with SigV4 verification on: the nodes equal what boto3's own
/// listing of the fleet gives, the source filters select the same subsets of it, the calls
/// are the fewest possible, and a wrong secret fails the poll.
@Suite(.motoFleet)
struct NodeSourceMotoTests {
    static func source(_ moto: MotoServer, transport: any HTTPTransport, secret: String? = nil,
                       cache: TaskDefinitionCache = TaskDefinitionCache(),
                       _ configure: (inout NodeSourceOptions) -> Void = { _ in }) -> NodeSource {
        var options = NodeSourceOptions(regions: [moto.fleet.region], endpoint: moto.endpoint)
        configure(&options)
        return NodeSource(options: options, credentialProvider: moto.credentials(secret: secret), transport: transport,
                          retryPolicy: RetryPolicy(sleep: { _ in }), taskDefinitionCache: cache)
    }

    /// The nodes boto3's `describe_tasks` implies, keyed by name: the attributes that can be
    /// read straight off its JSON, and every task tag.
    static func boto3Nodes(_ moto: MotoServer, where keep: (String, [String: Any], [String: Any]) -> Bool = { _, _, _ in true })
        throws -> [String: [String: String]] {
        var nodes: [String: [String: String]] = [:]
        for (cluster, task) in try moto.boto3Tasks() {
            let taskARN = try #require(task["taskArn"] as? String)
            let startedAt = try #require(task["startedAt"] as? Double)
            for container in try #require(task["containers"] as? [[String: Any]]) where keep(cluster, task, container) {
                let containerARN = try #require(container["containerArn"] as? String)
                let name = try #require(container["name"] as? String)
                var attributes: [String: String] = [
                    "ECS:Cluster-ARN": try #require(task["clusterArn"] as? String), "ECS:Cluster-Name": cluster,
                    "ECS:Container-ARN": containerARN, "ECS:Container-Image": try #require(container["image"] as? String),
                    "ECS:Container-Name": name, "ECS:Task-ARN": taskARN, "ECS:Task-ID": String(taskARN.split(separator: "/").last!),
                    "ECS:Task-Launch-Type": try #require(task["launchType"] as? String),
                    "ECS:Task-Definition-ARN": try #require(task["taskDefinitionArn"] as? String),
                    "ECS:Runtime-ID": try #require(container["runtimeId"] as? String),
                    "ECS:Image-Digest": try #require(container["imageDigest"] as? String),
                    "ECS:Region": moto.fleet.region, "ECS:Account-ID": "123456789012",
                    "ECS:Started-At": ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: startedAt.rounded(.down))),
                    "ECS:Exec-Agent-Status": try #require((container["managedAgents"] as? [[String: Any]])?.first?["lastStatus"] as? String),
                ]
                for tag in try #require(task["tags"] as? [[String: String]]) { attributes["ECS:Tag:\(tag["key"]!)"] = tag["value"]! }
                if let group = task["group"] as? String, group.hasPrefix("service:") { attributes["ECS:Service-Name"] = String(group.dropFirst(8)) }
                if let version = task["platformVersion"] as? String { attributes["ECS:Platform-Version"] = version }
                let details = (task["attachments"] as? [[String: Any]])?.first?["details"] as? [[String: String]]
                if let address = details?.first(where: { $0["name"] == "privateIPv4Address" })?["value"] {
                    attributes["ECS:Private-IP"] = address
                }
                nodes["\(name)-\(containerARN.split(separator: "/").last!)"] = attributes
            }
        }
        return nodes
    }

    @Test func nodesAreWhatBoto3Lists() async throws {
        let moto = try MotoFleet.current()
        let transport = CurlClient()
        defer { transport.close() }
        let nodes = try await Self.source(moto, transport: transport).nodes()
        let expected = try Self.boto3Nodes(moto)
        #expect(expected.count == 7)
        #expect(nodes.map(\.name).sorted() == expected.keys.sorted())
        for node in nodes {
            let attributes = try #require(expected[node.name])
            for (name, value) in attributes { #expect(node.attributes[name] == value, "\(node.name) \(name)") }
            // Attributes that exist only for some tasks: exactly those boto3's answer implies.
            let optional = { (names: [String]) in Set(names.filter { $0.hasPrefix("ECS:Tag:") || $0 == "ECS:Service-Name" || $0 == "ECS:Private-IP" }) }
            #expect(optional(Array(node.attributes.keys)) == optional(Array(attributes.keys)), "\(node.name)")
            #expect(node.attributes["hostname"] == attributes["ECS:Private-IP"] ?? attributes["ECS:Task-ID"])
            #expect(node.tags.contains(attributes["ECS:Cluster-Name"]!) && node.tags.contains(attributes["ECS:Task-Launch-Type"]!.lowercased()))
            #expect(!node.attributes.values.contains("null"))
        }
        let envoy = try #require(nodes.first { $0.attributes["ECS:Container-Name"] == "envoy" })
        #expect(envoy.attributes["ECS:CPU"] == "64" && envoy.attributes["ECS:Memory-Reservation"] == "64")
        #expect(envoy.attributes["description"] == "envoy container of standalone task (family web) on ECS cluster prod (us-east-1)")
        let app = try #require(nodes.first { $0.attributes["ECS:Container-Name"] == "app" })
        #expect(app.attributes["ECS:CPU"] == "512" && app.attributes["ECS:Memory-Reservation"] == "512")
        #expect(app.attributes["description"] == "app container of service api on ECS cluster prod (us-east-1)")
        #expect(app.tags == ["api", "fargate", "prod"])
    }

    struct FilterCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var configure: @Sendable (inout NodeSourceOptions) -> Void
        var keep: @Sendable (_ cluster: String, _ task: [String: Any], _ container: [String: Any]) -> Bool
    }

    static func tags(_ task: [String: Any]) -> [String: String] {
        Dictionary(((task["tags"] as? [[String: String]]) ?? []).map { ($0["key"]!, $0["value"]!) }) { $1 }
    }

    static let filterCases: [FilterCase] = [
        FilterCase(testDescription: "cluster by name", configure: { $0.clusters = ["staging"] }, keep: { cluster, _, _ in cluster == "staging" }),
        FilterCase(testDescription: "cluster by ARN", configure: { $0.clusters = ["arn:aws:ecs:us-east-1:123456789012:cluster/prod"] },
                   keep: { cluster, _, _ in cluster == "prod" }),
        FilterCase(testDescription: "service", configure: { $0.services = ["api"] }, keep: { _, task, _ in task["group"] as? String == "service:api" }),
        FilterCase(testDescription: "not service", configure: { $0.excludedServices = ["api"] },
                   keep: { _, task, _ in task["group"] as? String != "service:api" }),
        FilterCase(testDescription: "family", configure: { $0.taskDefinitionFamilies = ["worker"] },
                   keep: { _, task, _ in (task["taskDefinitionArn"] as? String)?.contains("/worker:") == true }),
        FilterCase(testDescription: "container name", configure: { $0.containerNames = ["nginx"] },
                   keep: { _, _, container in container["name"] as? String == "nginx" }),
        FilterCase(testDescription: "not container name", configure: { $0.excludedContainerNames = ["envoy", "log-router"] },
                   keep: { _, _, container in !["envoy", "log-router"].contains(container["name"] as? String ?? "") }),
        FilterCase(testDescription: "tag", configure: { $0.tags = ["Name=api", "Name=worker"] },
                   keep: { _, task, _ in ["api", "worker"].contains(tags(task)["Name"] ?? "") }),
        FilterCase(testDescription: "not tag", configure: { $0.excludedTags = ["added=later"] }, keep: { _, task, _ in tags(task)["added"] != "later" }),
        FilterCase(testDescription: "launch type", configure: { $0.launchType = "FARGATE" },
                   keep: { _, task, _ in task["launchType"] as? String == "FARGATE" }),
    ]

    @Test(arguments: filterCases)
    func filtersSelectWhatBoto3Shows(_ filter: FilterCase) async throws {
        let moto = try MotoFleet.current()
        let transport = CurlClient()
        defer { transport.close() }
        let nodes = try await Self.source(moto, transport: transport, filter.configure).nodes()
        let expected = try Self.boto3Nodes(moto, where: filter.keep)
        #expect(!expected.isEmpty && expected.count < 7)
        #expect(nodes.map(\.name).sorted() == expected.keys.sorted())
    }

    @Test func callsAreTheFewestPossible() async throws {
        let moto = try MotoFleet.current()
        let transport = CurlClient()
        defer { transport.close() }
        let cache = TaskDefinitionCache()
        let first = try await Self.source(moto, transport: transport, cache: cache).snapshot()
        let tasks = try moto.boto3Tasks()
        let perCluster = Dictionary(grouping: tasks, by: \.cluster).mapValues(\.count)
        let definitions = Set(tasks.compactMap { $0.task["taskDefinitionArn"] as? String })
        #expect(first.stats.apiCalls == [
            "ListClusters": 1,
            "ListTasks": moto.fleet.clusterArns.count,
            "DescribeTasks": perCluster.values.reduce(0) { $0 + ($1 + 99) / 100 },
            "DescribeTaskDefinition": definitions.count,
        ])
        #expect(first.stats.apiCalls == ["ListClusters": 1, "ListTasks": 2, "DescribeTasks": 2, "DescribeTaskDefinition": 3])
        #expect(first.stats.tasksDescribed == tasks.count && first.stats.describeFailures == 0)

        // A later poll with the same cache describes no definition again.
        let second = try await Self.source(moto, transport: transport, cache: cache).snapshot()
        #expect(second.stats.apiCalls["DescribeTaskDefinition"] == nil)
        #expect(second.stats.taskDefinitionCacheHits == definitions.count)
        #expect(second.nodes == first.nodes)
    }

    @Test func aWrongSecretIsSignatureDoesNotMatch() async throws {
        let moto = try MotoFleet.current()
        let transport = CurlClient()
        defer { transport.close() }
        var nodes: [Node]?
        let error = await #expect(throws: AWSError.self) {
            nodes = try await Self.source(moto, transport: transport, secret: "wRoNg" + moto.fleet.secretAccessKey.dropFirst(5)).nodes()
        }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.action == "ListClusters")
        #expect(nodes == nil)
    }
}
