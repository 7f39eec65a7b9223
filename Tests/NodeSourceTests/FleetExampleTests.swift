import AWSCore
import Foundation
import NodeModel
import Testing
@testable import NodeSource

/// examples/fleet.json is the project's reference for node attributes: rebuilding each of its
/// tasks as DescribeTasks would return it and mapping it back gives every node exactly.
struct FleetExampleTests {
    typealias Attributes = [String: String]

    static func exampleNodes() throws -> [String: Attributes] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/fleet.json").standardizedFileURL
        return try JSONDecoder().decode([String: Attributes].self, from: Data(contentsOf: url))
    }

    /// The DescribeTasks answer the nodes of one task came from.
    static func task(from nodes: [Attributes]) throws -> ECS.Task {
        let first = try #require(nodes.first)
        let service = first["ECS:Service-Name"]
        let startedAt = try #require(ISO8601DateFormatter().date(from: first["ECS:Started-At"] ?? ""))
        let tags = first.filter { $0.key.hasPrefix("ECS:Tag:") }.sorted { $0.key < $1.key }
            .map { ECS.Tag(key: String($0.key.dropFirst("ECS:Tag:".count)), value: $0.value) }
        return ECS.Task(
            taskArn: first["ECS:Task-ARN"], clusterArn: first["ECS:Cluster-ARN"], taskDefinitionArn: first["ECS:Task-Definition-ARN"],
            group: service.map { "service:\($0)" } ?? "family:\(first["ECS:Task-Definition-Family"]!)",
            launchType: first["ECS:Task-Launch-Type"].map(ECS.LaunchType.init(rawValue:)), platformVersion: first["ECS:Platform-Version"],
            availabilityZone: first["ECS:Availability-Zone"], desiredStatus: first["ECS:Desired-Status"],
            enableExecuteCommand: first["ECS:Exec-Enabled"] == "true", startedAt: startedAt.timeIntervalSince1970 + 0.123,
            tags: tags,
            attachments: [ECS.Attachment(type: "ElasticNetworkInterface", details: [
                ECS.KeyValuePair(name: "privateIPv4Address", value: first["ECS:Private-IP"])])],
            containers: nodes.map { node in
                ECS.Container(
                    containerArn: node["ECS:Container-ARN"], taskArn: node["ECS:Task-ARN"], name: node["ECS:Container-Name"],
                    image: node["ECS:Container-Image"], imageDigest: node["ECS:Image-Digest"], runtimeId: node["ECS:Runtime-ID"],
                    lastStatus: node["ECS:Last-Status"], healthStatus: node["ECS:Health-Status"], cpu: node["ECS:CPU"],
                    memory: "4096", memoryReservation: node["ECS:Memory-Reservation"],
                    managedAgents: node["ECS:Exec-Agent-Status"].map { [ECS.ManagedAgent(name: "ExecuteCommandAgent", lastStatus: $0)] })
            })
    }

    @Test func everyExampleNodeIsWhatTheMapperMakes() throws {
        let example = try Self.exampleNodes()
        #expect(example.count == 30)
        let byTask = Dictionary(grouping: example.values) { $0["ECS:Task-ARN"] ?? "" }
        var mapped = 0
        for (_, nodes) in byTask {
            let nodes = nodes.sorted { ($0["ECS:Container-ARN"] ?? "") < ($1["ECS:Container-ARN"] ?? "") }
            let task = try Self.task(from: nodes)
            for node in NodeMapper().nodes(for: task, region: try #require(nodes.first?["ECS:Region"])) {
                let expected = try #require(example[node.name], "no example node \(node.name)")
                #expect(node.allAttributes == expected, "\(node.name)")
                mapped += 1
            }
        }
        #expect(mapped == example.count)
    }
}
