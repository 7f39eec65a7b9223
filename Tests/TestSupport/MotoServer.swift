import Foundation

/// moto 5.2.1 serving a small ECS fleet on 127.0.0.1, verifying SigV4 (aws-core.md §3).
///
/// `Fixtures/moto_fleet.py` runs moto's server on a free port, builds the fleet with boto3
/// while authentication is off (an IAM user with an access key and an allow-all policy, two
/// clusters, task definitions, EC2 and Fargate tasks, tags), turns verification on, and prints
/// one line of JSON: the port, the user's keys, and what boto3 listed and described. Only the
/// IAM user's key, signed correctly, is accepted from then on.
///
/// The script exits when its standard input closes, so the server never outlives the test
/// process; ``stop()`` ends it sooner.
public final class MotoServer: Sendable {
    /// What the fixture built, as boto3 saw it.
    public struct Fleet: Decodable, Sendable {
        public struct Cluster: Decodable, Sendable {
            public let arn: String
            public let taskArns: [String]
            public let serviceArns: [String]
        }

        public let region: String
        public let accessKeyId: String
        public let secretAccessKey: String
        /// `list_clusters()`.
        public let clusterArns: [String]
        /// By cluster name (`prod`, `staging`): `list_tasks(cluster=…)`, `list_services(cluster=…)`.
        public let clusters: [String: Cluster]
    }

    public let fleet: Fleet
    /// The fixture's whole answer, including boto3's `describe_tasks` per cluster
    /// (`clusters.NAME.describeTasks`, with `include=["TAGS"]`) and
    /// `describe_task_definition("web", include=["TAGS"])` (`describeTaskDefinition`);
    /// timestamps are epoch seconds.
    public let fixtureJSON: Data
    private let server: ScriptServer

    private init(server: ScriptServer, fleet: Fleet) {
        self.server = server
        self.fleet = fleet
        self.fixtureJSON = Data(server.firstLine.utf8)
    }

    /// The port moto listens on.
    public var port: Int { server.port }

    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The fixture script next to this file.
    public static let defaultScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/moto_fleet.py").path

    /// Starts `python3 script`, and returns once the fleet is built and verification is on;
    /// gives up after `timeout`.
    public static func start(script: String = defaultScript, timeout: Duration = .seconds(60)) async throws -> MotoServer {
        struct Port: Decodable { let port: Int }
        struct Failure: Decodable { let error: String; let trace: String? }
        let server: ScriptServer
        do {
            server = try await ScriptServer.start(script: script, timeout: timeout) { line in
                try? JSONDecoder().decode(Port.self, from: Data(line.utf8)).port
            }
        } catch let error as ScriptServerError {
            if let failure = try? JSONDecoder().decode(Failure.self, from: Data(error.firstLine.utf8)) {
                throw ScriptServerError(message: "moto fixture failed: \(failure.error)\n\(failure.trace ?? "")")
            }
            throw ScriptServerError(message: "\(script) printed no fleet; are python3, moto 5.2.1 and boto3 installed? (\(error))")
        }
        guard let fleet = try? JSONDecoder().decode(Fleet.self, from: Data(server.firstLine.utf8)) else {
            server.stop()
            throw ScriptServerError(message: "\(script) printed a fleet that does not decode")
        }
        return MotoServer(server: server, fleet: fleet)
    }

    /// The value at `path` in ``fixtureJSON`` (object keys and array indexes), as
    /// `JSONSerialization` reads it.
    public func fixture(_ path: Any...) -> Any? {
        var value: Any? = try? JSONSerialization.jsonObject(with: fixtureJSON)
        for step in path {
            switch step {
            case let key as String: value = (value as? [String: Any])?[key]
            case let index as Int: value = (value as? [Any]).flatMap { index < $0.count ? $0[index] : nil }
            default: return nil
            }
        }
        return value
    }

    /// Stops the server and waits until it has exited, so its port is closed.
    public func stop() { server.stop() }
}
