import Foundation
import NIOHTTP1
import SimSession
import Testing

/// A data-channel server on 127.0.0.1 with one hub, and the independent Python client
/// (`tests/sim/ssm_client.py`, written from the protocol document) to drive sessions.
struct SimFixture {
    let server: DataChannelServer
    var hub: SessionHub { server.hub }

    static let clientScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tests/sim/ssm_client.py").path

    static let environment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                              "HOME": "/root", "LANG": "C.UTF-8"]

    static func start(settings: SessionHub.Settings = SessionHub.Settings(),
                      verifyUpgrade: @escaping @Sendable (HTTPRequestHead) -> Bool = { _ in true }) async throws -> SimFixture {
        let hub = SessionHub(verifyUpgrade: verifyUpgrade, settings: settings)
        return SimFixture(server: try await DataChannelServer.start(hub: hub))
    }

    /// Registers a session for `command` and returns its spec.
    /// A fixed `sessionId` makes the fault dice replay exactly.
    func register(_ command: String, kmsKeyId: String? = nil, faults: ChannelFaults = ChannelFaults(),
                  target: String = "ecs:sim_0123456789abcdef_0123456789abcdef-0001",
                  sessionId: String? = nil) -> SessionSpec {
        let id = sessionId ?? "ecs-execute-command-" + UUID().uuidString.lowercased().prefix(8)
        let spec = SessionSpec(
            sessionId: id, token: "token-" + UUID().uuidString, command: command,
            workingDirectory: NSTemporaryDirectory() + "ecs-sim-tests/\(id)", environment: Self.environment,
            kmsKeyId: kmsKeyId, target: target, faults: faults)
        hub.register(spec)
        return spec
    }

    /// What one run of the Python client gave.
    struct ClientRun: CustomStringConvertible {
        var status: Int32
        var output: [UInt8]
        /// The client's one-line JSON summary (or error).
        var summary: [String: Any]
        var stderr: String

        var channelClosed: Bool { summary["channel_closed"] as? Bool == true }
        /// Short, for expectation messages: the status, the output size and the client's stderr.
        var description: String { "exit \(status), \(output.count) output bytes, stderr: \(stderr.suffix(2000))" }
        var protocolErrors: [String] { summary["protocol_errors"] as? [String] ?? [] }
    }

    /// Runs `ssm_client.py session` against `spec`'s stream URL.
    func runClient(_ spec: SessionSpec, token: String? = nil, stdin: [UInt8]? = nil, extra: [String] = [],
                   kms: Bool = false, timeout: Double = 30) async throws -> ClientRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ssm-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = [Self.clientScript, "session", "--url", server.streamURL(sessionId: spec.sessionId),
                         "--token", token ?? spec.token, "--timeout", String(timeout)]
        if let stdin {
            let file = directory.appendingPathComponent("stdin")
            try Data(stdin).write(to: file)
            arguments += ["--stdin-file", file.path]
        }
        if kms { arguments += ["--kms-target", spec.target, "--kms-endpoint", server.endpoint] }
        arguments += extra
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDSIMTEST"
        environment["AWS_SECRET_ACCESS_KEY"] = "sim-secret"
        environment["AWS_REGION"] = "us-east-1"
        environment.removeValue(forKey: "AWS_SESSION_TOKEN")
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        let lastLine = stderr.split(separator: "\n").last.map(String.init) ?? ""
        let summary = (try? JSONSerialization.jsonObject(with: Data(lastLine.utf8))) as? [String: Any] ?? [:]
        return ClientRun(status: process.terminationStatus, output: Array(try Data(contentsOf: out)),
                         summary: summary, stderr: stderr)
    }

    /// Waits until `condition` holds for the hub's stats (at most `timeout`).
    func waitForStats(timeout: Duration = .seconds(10), _ condition: (ChannelStats) -> Bool) async throws -> ChannelStats {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let stats = hub.stats()
            if condition(stats) { return stats }
            try await Task.sleep(for: .milliseconds(20))
        }
        return hub.stats()
    }

    func stop() async throws { try await server.shutdown() }
}
