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

    public let port: Int
    public let fleet: Fleet
    /// The fixture's whole answer, including boto3's `describe_tasks` per cluster
    /// (`clusters.NAME.describeTasks`, with `include=["TAGS"]`) and
    /// `describe_task_definition("web", include=["TAGS"])` (`describeTaskDefinition`);
    /// timestamps are epoch seconds.
    public let fixtureJSON: Data
    private let process: Process
    private let input: Pipe

    private init(port: Int, fleet: Fleet, fixtureJSON: Data, process: Process, input: Pipe) {
        self.port = port
        self.fleet = fleet
        self.fixtureJSON = fixtureJSON
        self.process = process
        self.input = input
    }

    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The fixture script next to this file.
    public static let defaultScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/moto_fleet.py").path

    /// Starts `python3 script`, and returns once the fleet is built and verification is on;
    /// gives up after `timeout`.
    public static func start(script: String = defaultScript, timeout: Duration = .seconds(60)) async throws -> MotoServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = await firstLine(of: output.fileHandleForReading, process: process, timeout: timeout)
        let json = Data(line.utf8)
        struct Failure: Decodable { let error: String; let trace: String? }
        if let failure = try? JSONDecoder().decode(Failure.self, from: json) {
            stop(process, input)
            throw ScriptServerError(message: "moto fixture failed: \(failure.error)\n\(failure.trace ?? "")")
        }
        struct Port: Decodable { let port: Int }
        guard let port = try? JSONDecoder().decode(Port.self, from: json).port,
              let fleet = try? JSONDecoder().decode(Fleet.self, from: json) else {
            stop(process, input)
            throw ScriptServerError(message: "\(script) printed no fleet (got \"\(line.prefix(200))\"); are python3, moto 5.2.1 and boto3 installed?")
        }
        return MotoServer(port: port, fleet: fleet, fixtureJSON: json, process: process, input: input)
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
    public func stop() {
        Self.stop(process, input)
    }

    private static func stop(_ process: Process, _ input: Pipe) {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Reads up to the first newline on a thread of its own; ends the process if none comes
    /// within `timeout` (which closes the pipe and ends the read).
    private static func firstLine(of handle: FileHandle, process: Process, timeout: Duration) async -> String {
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                let line = data.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? Data()
                continuation.resume(returning: String(decoding: line, as: UTF8.self))
            }
        }
    }
}
