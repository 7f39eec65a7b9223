import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport
import NodeSource

/// An ecs-sim process serving one test, with the NodeSource and clients that talk to it over
/// loopback and what `/_sim/*` tells about the calls it received.
struct SimPeer: Sendable {
    /// What `GET /_sim/stats` reports of the ECS calls.
    struct Stats: Decodable {
        var calls: [String: Int]
        var totalCalls: Int
        var errors: [String: Int]
        var faults: [String: Int]
        var maxInFlight: Int
    }

    /// One entry of `GET /_sim/requests`.
    struct Request {
        var action: String
        var region: String?
        var body: [String: Any]
        var error: String?
    }

    static let keys = Credentials(accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: SimServer.demoSecretAccessKey)

    let server: SimServer
    let transport = CurlClient()

    var endpoint: String { server.endpoint }

    /// A client of the simulator signing for `region`; retries do not wait.
    func client(_ region: String) -> ECSClient {
        ECSClient(region: region, endpoint: endpoint, credentials: Self.keys, transport: transport,
                  retryPolicy: RetryPolicy(sleep: { _ in }))
    }

    /// A NodeSource whose clients talk to the simulator.
    func source(_ options: NodeSourceOptions, cache: TaskDefinitionCache = TaskDefinitionCache()) -> NodeSource {
        var options = options
        options.endpoint = endpoint
        return NodeSource(options: options, taskDefinitionCache: cache) { [self] region in client(region) }
    }

    func stats() async throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: Data(try await sim("GET", "/_sim/stats")))
    }

    /// The requests of `action` the simulator received, oldest first.
    func requests(_ action: String) async throws -> [Request] {
        let document = try JSONSerialization.jsonObject(with: Data(try await sim("GET", "/_sim/requests"))) as? [String: Any]
        let entries = try #require(document?["requests"] as? [[String: Any]])
        return entries.filter { $0["action"] as? String == action }.map { entry in
            Request(action: action, region: entry["region"] as? String, body: entry["body"] as? [String: Any] ?? [:],
                    error: entry["error"] as? String)
        }
    }

    /// Replaces the API faults in force (`POST /_sim/faults`).
    func setAPIFaults(_ faults: [String: Any]) async throws {
        _ = try await sim("POST", "/_sim/faults", body: ["api": faults])
    }

    /// Zeroes the counters and empties the request log.
    func reset() async throws {
        _ = try await sim("POST", "/_sim/reset")
    }

    func stop() {
        transport.close()
        server.stop()
    }

    private func sim(_ method: String, _ path: String, body: [String: Any]? = nil) async throws -> [UInt8] {
        let bytes = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
        let response = try await transport.send(HTTPRequest(method: method, url: endpoint + path, body: bytes))
        try #require(response.status == 200, "\(method) \(path): \(String(decoding: response.body, as: UTF8.self))")
        return response.body
    }
}
