import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import ECSSim

/// An in-process simulator on a free loopback port, with our own ECS client and libcurl
/// transport pointed at it: every test talks real HTTP over 127.0.0.1.
struct SimHarness {
    let simulator: Simulator
    let transport: CurlClient

    var endpoint: String { simulator.endpoint }
    var fleet: Fleet { simulator.configuration.fleet }
    var region: String { fleet.region }
    static let demoKeys = SimulatorConfiguration.demoCredentials

    /// Runs `body` against a simulator of `spec`, configured further by `configure`, and
    /// shuts both down afterwards.
    static func with(
        _ spec: FleetSpec, _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
        _ body: (SimHarness) async throws -> Void
    ) async throws {
        var configuration = SimulatorConfiguration(fleet: try Fleet(spec: spec), threads: 2)
        configuration.stateDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecs-sim-tests-\(UUID().uuidString)").path
        configure(&configuration)
        let harness = SimHarness(simulator: try await Simulator.start(configuration),
                                 transport: CurlClient(configuration: .init(maxConnections: 16, timeout: .seconds(60))))
        do {
            try await body(harness)
        } catch {
            await harness.close()
            throw error
        }
        await harness.close()
    }

    func close() async {
        transport.close()
        try? await simulator.shutdown()
        try? FileManager.default.removeItem(atPath: simulator.configuration.stateDirectory)
    }

    /// Every page of ListTasks for `cluster`: each page's size, and the ARNs in order.
    func listAllTasks(_ client: ECSClient, cluster: String, pageSize: Int = 100) async throws -> (pages: [Int], arns: [String]) {
        var request = ECS.ListTasksRequest(cluster: cluster, maxResults: pageSize)
        var pages: [Int] = [], arns: [String] = []
        repeat {
            let page = try await client.listTasks(request)
            pages.append(page.items.count)
            arns += page.items
            request.nextToken = page.nextToken
        } while request.nextToken != nil
        return (pages, arns)
    }

    /// A client signing with `credentials` (the demo keys by default) for `region` (the
    /// fleet's by default), retrying without sleeping.
    func client(_ credentials: Credentials = demoKeys, region: String? = nil, maxAttempts: Int = 3) -> ECSClient {
        ECSClient(region: region ?? self.region, endpoint: endpoint, credentials: credentials, transport: transport,
                  retryPolicy: RetryPolicy(maxAttempts: maxAttempts, sleep: { _ in }))
    }

    /// Sends `body` to `action` and decodes the JSON answer; AWS errors are thrown as ``AWSError``.
    func call(_ action: String, _ body: [String: Any], client: ECSClient? = nil) async throws -> [String: Any] {
        let data = try JSONSerialization.data(withJSONObject: body)
        let response = try await (client ?? self.client()).send(action: action, body: Array(data))
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// The AWS error `action` answers `body` with.
    func error(_ action: String, _ body: [String: Any], client: ECSClient? = nil) async throws -> AWSError {
        do {
            _ = try await call(action, body, client: client)
        } catch let error as AWSError {
            return error
        }
        Issue.record("\(action) succeeded")
        throw CancellationError()
    }

    /// `GET` or `POST` on a `/_sim/*` endpoint: the status and the JSON answer.
    func sim(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> (status: Int, json: [String: Any]) {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let response = try await transport.send(HTTPRequest(method: method, url: endpoint + path, body: bytes))
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    /// A new temporary key from `GET /_sim/credentials`.
    func temporaryKey() async throws -> Credentials {
        let document = try await sim("GET", "/_sim/credentials").json
        let expiration = try #require((document["Expiration"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
        return Credentials(accessKeyID: try #require(document["AccessKeyId"] as? String),
                           secretAccessKey: try #require(document["SecretAccessKey"] as? String),
                           sessionToken: document["Token"] as? String, expiration: expiration)
    }

    /// `GET /_sim/stats`: calls by action.
    func calls() async throws -> [String: Int] {
        try await sim("GET", "/_sim/stats").json["calls"] as? [String: Int] ?? [:]
    }

    /// `GET /_sim/requests`: the ECS requests received, oldest first.
    func requests() async throws -> [[String: Any]] {
        try await sim("GET", "/_sim/requests").json["requests"] as? [[String: Any]] ?? []
    }
}
