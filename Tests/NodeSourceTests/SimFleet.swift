import Foundation
import TestSupport

/// A small ecs-sim fleet spec, written the way the tests describe fleets: tasks added to
/// clusters by region, family and service (docs/ecs-sim.md, "Fleet spec").
///
/// Every family is revision 1 with containers of 128 MiB, in tasks of 256 CPU units and
/// 512 MiB; tasks run in spec order, so ListTasks lists them in the order they were added.
struct SimFleet {
    private struct Container: Encodable {
        var name: String
        var image: String
        var memory = 128
    }

    private struct Definition: Encodable {
        var family: String
        var cpu = "256"
        var memory = "512"
        var containers: [Container]
    }

    private struct Group: Encodable {
        var count: Int
        var taskDefinition: String?
        var launchType: String
        var tags: [String: String]?
    }

    private struct Service: Encodable {
        var name: String
        var taskDefinition: String
        var launchType: String
        var tasks: [Group]
    }

    private struct Cluster: Encodable {
        var name: String
        var region: String
        var services: [Service] = []
        var tasks: [Group] = []
    }

    private struct Spec: Encodable {
        var region: String
        var taskDefinitions: [Definition]
        var clusters: [Cluster]
    }

    /// The spec's region: where ecs-sim's default region is.
    var region = "eu-west-1"
    private var definitions: [Definition] = []
    private var clusters: [Cluster] = []

    /// Adds cluster `name` in `region` unless it is there already.
    mutating func addCluster(_ name: String, region: String = "eu-west-1") {
        if !clusters.contains(where: { $0.name == name && $0.region == region }) {
            clusters.append(Cluster(name: name, region: region))
        }
    }

    /// Adds `count` RUNNING tasks of `family` (one container per name) to `cluster` in
    /// `region`, making both as needed; a `service` makes them its tasks.
    mutating func addTasks(
        _ count: Int, region: String = "eu-west-1", cluster: String, family: String, service: String? = nil,
        containers: [String] = ["app"], launchType: String = "FARGATE", tags: [String: String] = [:]
    ) {
        if !definitions.contains(where: { $0.family == family }) {
            definitions.append(Definition(family: family, containers: containers.map { Container(name: $0, image: "example/\($0):1") }))
        }
        addCluster(cluster, region: region)
        let index = clusters.firstIndex { $0.name == cluster && $0.region == region }!
        let tags = tags.isEmpty ? nil : tags
        guard let service else {
            clusters[index].tasks.append(Group(count: count, taskDefinition: family, launchType: launchType, tags: tags))
            return
        }
        let group = Group(count: count, launchType: launchType, tags: tags)
        if let existing = clusters[index].services.firstIndex(where: { $0.name == service }) {
            clusters[index].services[existing].tasks.append(group)
        } else {
            clusters[index].services.append(Service(name: service, taskDefinition: family, launchType: launchType, tasks: [group]))
        }
    }

    /// The spec as JSON.
    var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain strings and numbers: encoding cannot fail.
        return try! encoder.encode(Spec(region: region, taskDefinitions: definitions, clusters: clusters))
    }

    /// Starts ecs-sim serving this fleet, with `arguments` beside `--fleet`.
    func start(_ arguments: [String] = []) async throws -> SimPeer {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-sim-fleet-\(UUID().uuidString).json")
        try json.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return SimPeer(server: try await SimServer.start(["--fleet", file.path] + arguments))
    }
}
