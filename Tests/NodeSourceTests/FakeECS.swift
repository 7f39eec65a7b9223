import AWSCore
import AWSHTTP
import Foundation
import Synchronization

/// An in-process ECS for the cases moto cannot play: several pages, more than 100 tasks,
/// several regions, refused calls, vanished tasks, and timing (aws-core.md §3.4).
///
/// Regions are told apart by the endpoint path (`https://ecs.fake/<region>`); list actions
/// return `pageSize` items a page (at most `maxResults`).
final class FakeECS: HTTPTransport {
    struct Cluster: Sendable {
        var name: String
        var tasks: [ECS.Task] = []
        var services: Set<String> = []
    }

    struct State: Sendable {
        var regions: [String: [Cluster]] = [:]
        var definitions: [String: ECS.TaskDefinition] = [:]
        /// Actions answered with AccessDeniedException.
        var denied: Set<String> = []
        /// Task ARNs DescribeTasks reports as MISSING.
        var vanished: Set<String> = []
        var pageSize = 100
        /// Numbers the tasks ``addTasks`` makes.
        var serial = 0
        var delay: Duration = .zero
        /// (action, region, request body) of every call.
        var calls: [(action: String, region: String, body: [UInt8])] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    let state: Mutex<State>

    init(_ configure: (inout State) -> Void = { _ in }) {
        var state = State()
        configure(&state)
        self.state = Mutex(state)
    }

    static func endpoint(_ region: String) -> String { "https://ecs.fake/\(region)" }

    /// A client for `region` with fixed keys and no waiting between retries.
    func client(_ region: String) -> ECSClient {
        ECSClient(region: region, endpoint: Self.endpoint(region), credentials: .init(accessKeyID: "AKIDFAKE", secretAccessKey: "fake"),
                  transport: self, retryPolicy: RetryPolicy(maxAttempts: 1, sleep: { _ in }))
    }

    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    func calls(_ action: String) -> [[String: Any]] {
        state.withLock { $0.calls.filter { $0.action == action }.map(\.body) }.map(Self.object)
    }
    func count(_ action: String) -> Int { state.withLock { $0.calls.count { $0.action == action } } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let action = String(request.header("X-Amz-Target")?.split(separator: ".").last ?? "")
        let region = String(URL(string: request.url)?.pathComponents.dropFirst().first ?? "")
        let delay = state.withLock { state in
            state.calls.append((action, region, request.body))
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.delay
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        if delay > .zero { try await Task.sleep(for: delay) }
        return state.withLock { state in Self.answer(action, Self.object(request.body), region, state) }
    }

    static func object(_ body: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    private static func answer(_ action: String, _ body: [String: Any], _ region: String, _ state: State) -> HTTPResponse {
        let clusters = state.regions[region] ?? []
        if state.denied.contains(action) { return error("AccessDeniedException", "not allowed: ecs:\(action)") }
        func cluster() -> Cluster? {
            let wanted = (body["cluster"] as? String).map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "default"
            return clusters.first { $0.name == wanted }
        }
        func page<Item>(_ items: [Item]) -> (items: [Item], next: String?) {
            let start = Int(body["nextToken"] as? String ?? "0") ?? 0
            let size = min(state.pageSize, body["maxResults"] as? Int ?? 100)
            let end = min(start + size, items.count)
            return (Array(items[start..<end]), end < items.count ? String(end) : nil)
        }
        switch action {
        case "ListClusters":
            let (arns, next) = page(clusters.map { "arn:aws:ecs:\(region):123456789012:cluster/\($0.name)" })
            return json(ECS.ListClustersResponse(clusterArns: arns, nextToken: next))
        case "ListTasks":
            guard let cluster = cluster() else { return error("ClusterNotFoundException", "Cluster not found.") }
            if let service = body["serviceName"] as? String, !cluster.services.contains(service) {
                return error("ServiceNotFoundException", "Service not found.")
            }
            let tasks = cluster.tasks.filter { task in
                (body["serviceName"] as? String).map { task.group == "service:\($0)" } ?? true
                    && (body["family"] as? String).map { task.taskDefinitionArn?.contains("/\($0):") == true } ?? true
                    && (body["launchType"] as? String).map { task.launchType?.rawValue == $0 } ?? true
                    && task.desiredStatus == (body["desiredStatus"] as? String ?? "RUNNING")
            }
            let (arns, next) = page(tasks.compactMap(\.taskArn))
            return json(ECS.ListTasksResponse(taskArns: arns, nextToken: next))
        case "DescribeTasks":
            guard let cluster = cluster() else { return error("ClusterNotFoundException", "Cluster not found.") }
            let arns = body["tasks"] as? [String] ?? []
            guard (1...100).contains(arns.count) else { return error("InvalidParameterException", "1 to 100 tasks") }
            let found = arns.compactMap { arn in cluster.tasks.first { $0.taskArn == arn && !state.vanished.contains(arn) } }
            let failures = arns.filter { state.vanished.contains($0) }.map { ECS.Failure(arn: $0, reason: "MISSING") }
            return json(ECS.DescribeTasksResponse(tasks: found, failures: failures))
        case "DescribeTaskDefinition":
            guard let definition = state.definitions[body["taskDefinition"] as? String ?? ""] else {
                return error("ClientException", "Unable to describe task definition.")
            }
            return json(ECS.DescribeTaskDefinitionResponse(taskDefinition: definition))
        default:
            return error("UnknownOperationException", action)
        }
    }

    private static func json(_ value: some Encodable) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("content-type", "application/x-amz-json-1.1")], body: Array(try! JSONEncoder().encode(value)))
    }

    private static func error(_ code: String, _ message: String) -> HTTPResponse {
        HTTPResponse(status: 400, headers: [("content-type", "application/x-amz-json-1.1")],
                     body: Array(#"{"__type":"\#(code)","message":"\#(message)"}"#.utf8))
    }
}

extension FakeECS.State {
    /// Adds `count` RUNNING tasks of `family` (revision 1, one container per name) to
    /// `cluster` in `region`, creating both as needed; a `service` makes them its tasks.
    mutating func addTasks(
        _ count: Int, region: String = "eu-west-1", cluster: String, family: String, service: String? = nil,
        containers: [String] = ["app"], launchType: ECS.LaunchType = .fargate, tags: [String: String] = [:]
    ) {
        let definitionARN = "arn:aws:ecs:\(region):123456789012:task-definition/\(family):1"
        definitions[definitionARN] = ECS.TaskDefinition(
            taskDefinitionArn: definitionARN, family: family, revision: 1, cpu: "256", memory: "512",
            containerDefinitions: containers.map { ECS.ContainerDefinition(name: $0, image: "example/\($0):1", memory: 128) })
        var clusters = regions[region] ?? []
        if !clusters.contains(where: { $0.name == cluster }) { clusters.append(FakeECS.Cluster(name: cluster)) }
        let index = clusters.firstIndex { $0.name == cluster }!
        if let service { clusters[index].services.insert(service) }
        for _ in 0..<count {
            serial += 1
            let id = String(serial, radix: 16).leftPadded(to: 32)
            let taskARN = "arn:aws:ecs:\(region):123456789012:task/\(cluster)/\(id)"
            clusters[index].tasks.append(ECS.Task(
                taskArn: taskARN, clusterArn: "arn:aws:ecs:\(region):123456789012:cluster/\(cluster)", taskDefinitionArn: definitionARN,
                group: service.map { "service:\($0)" } ?? "family:\(family)", launchType: launchType,
                lastStatus: "RUNNING", desiredStatus: "RUNNING", enableExecuteCommand: true,
                tags: tags.sorted { $0.key < $1.key }.map { ECS.Tag(key: $0.key, value: $0.value) },
                containers: containers.enumerated().map { number, name in
                    ECS.Container(containerArn: "arn:aws:ecs:\(region):123456789012:container/\(cluster)/\(id)/\(id.suffix(12))-\(number)",
                                  name: name, image: "example/\(name):1")
                }))
        }
        regions[region] = clusters
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
