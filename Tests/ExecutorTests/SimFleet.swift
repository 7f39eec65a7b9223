import AWSCore
import AWSHTTP
import AWSSigner
import Executor
import Foundation
import Synchronization
import TestSupport

/// An ecs-sim with a generated fleet, and what a test needs to run commands in it.
struct SimFleet {
    let sim: SimServer
    let transport: CurlClient
    let client: ECSClient
    let targets: [ExecTarget]
    static let credentials = Credentials(accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: SimServer.demoSecretAccessKey)

    /// Starts ecs-sim with `tasks` one-container tasks in one cluster (more `arguments` add faults).
    static func start(tasks: Int, arguments: [String] = []) async throws -> SimFleet {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "\(tasks)", "--containers", "1", "--services", "1"] + arguments)
        let transport = CurlClient(configuration: .init(maxConnections: 16))
        let client = ECSClient(region: sim.announcement.region, endpoint: sim.endpoint, credentials: credentials, transport: transport,
                               retryPolicy: RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(20)))
        var targets: [ExecTarget] = []
        for cluster in try await client.allClusterArns() {
            let arns = try await client.allTaskArns(cluster: cluster)
            for task in try await client.describeAllTasks(cluster: cluster, tasks: arns).tasks ?? [] {
                for container in task.containers ?? [] {
                    targets.append(ExecTarget(node: "\(container.name ?? "c")-\(task.taskArn?.split(separator: "/").last ?? "")",
                                              region: sim.announcement.region, cluster: cluster, task: task.taskArn ?? "",
                                              container: container.name ?? ""))
                }
            }
        }
        return SimFleet(sim: sim, transport: transport, client: client, targets: targets)
    }

    var runner: NodeRunner {
        let client = self.client
        let kms = KMSClient(region: client.region, endpoint: sim.endpoint, credentialProvider: StaticProvider(credentials: Self.credentials),
                            transport: transport)
        return NodeRunner(ecs: { _ in client }, credentials: StaticProvider(credentials: Self.credentials),
                          transport: NIOWebSocketTransport(), kms: { _ in kms })
    }

    /// Runs `command` on every target; returns results and each node's whole output.
    func run(_ command: (ExecTarget) -> String, fanOut: FanOut = FanOut(parallel: 32, keepGoing: true),
             runner: NodeRunner? = nil) async -> (results: [NodeResult], outputs: [String: [UInt8]]) {
        let outputs = Mutex<[String: [UInt8]]>([:])
        let jobs = targets.map { NodeJob(target: $0, command: command($0)) }
        let results = await fanOut.run(jobs, runner: runner ?? self.runner, output: { node, bytes in
            outputs.withLock { $0[node, default: []] += bytes }
        }, finished: { _ in })
        return (results, outputs.withLock { $0 })
    }

    func stats() async throws -> [String: Any] {
        let response = try await transport.send(HTTPRequest(method: "GET", url: sim.endpoint + "/_sim/stats"))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    func stop() {
        transport.close()
        sim.stop()
    }
}

/// Fixed keys as a provider.
struct StaticProvider: CredentialProvider {
    let credentials: Credentials
    var name: String { "static" }
    func credentials() async throws -> Credentials? { credentials }
}

extension SimFleet {
    /// Replaces the data-channel faults for sessions started from now on.
    func setChannelFaults(_ json: String) async throws {
        let body = Array(#"{"channel": \#(json)}"#.utf8)
        let response = try await transport.send(HTTPRequest(method: "POST", url: sim.endpoint + "/_sim/faults",
                                                            headers: [(name: "Content-Type", value: "application/json")], body: body))
        guard response.status == 200 else { throw TestFailure("faults: HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
    }

    /// Runs `command` on the named nodes only.
    func run(_ command: (ExecTarget) -> String, only nodes: [String]) async -> (results: [NodeResult], outputs: [String: [UInt8]]) {
        let subset = SimFleet(sim: sim, transport: transport, client: client, targets: targets.filter { nodes.contains($0.node) })
        return await subset.run(command)
    }
}
