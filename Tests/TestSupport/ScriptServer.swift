import Foundation

/// A test server (a Python script, or a binary such as ecs-sim), run on 127.0.0.1 for the
/// length of a test.
///
/// The server binds port 0, prints the port on its first line and exits when its standard
/// input closes, which happens at the latest when the test process exits: no server outlives
/// the tests, even if they crash.
public final class ScriptServer: Sendable {
    public let port: Int
    /// The first line the script printed (the port, or a JSON document that holds it).
    public let firstLine: String
    private let process: Process
    private let input: Pipe

    private init(port: Int, firstLine: String, process: Process, input: Pipe) {
        self.port = port
        self.firstLine = firstLine
        self.process = process
        self.input = input
    }

    /// Starts `python3 script arguments…` and waits (at most `timeout`) for its first line,
    /// from which `port` reads the port (by default the line is the port).
    public static func start(
        script: String, arguments: [String] = [], timeout: Duration = .seconds(60),
        port: (String) -> Int? = { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    ) async throws -> ScriptServer {
        try await start(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", script] + arguments,
                        name: script, hint: "is python3 on PATH?", timeout: timeout, port: port)
    }

    /// Starts `executable arguments…` (a server that follows the same rules: first line, exit
    /// when standard input closes) and waits (at most `timeout`) for its first line; `name`
    /// and `hint` go into the error when no port comes.
    public static func start(
        executable: URL, arguments: [String], name: String, hint: String, timeout: Duration = .seconds(60),
        port: (String) -> Int?
    ) async throws -> ScriptServer {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        let firstLine = await readLine(output.fileHandleForReading)
        watchdog.cancel()
        guard let number = port(firstLine) else {
            stop(process, input)
            throw ScriptServerError(message: "\(name) did not print a port (got \"\(firstLine.prefix(300))\"); \(hint)",
                                    firstLine: firstLine)
        }
        return ScriptServer(port: number, firstLine: firstLine, process: process, input: input)
    }

    /// The URL of `path` on this server.
    public func url(_ path: String, scheme: String = "http") -> String {
        "\(scheme)://127.0.0.1:\(port)\(path)"
    }

    /// Stops the server and waits until it has exited, so its port is closed.
    public func stop() { Self.stop(process, input) }

    private static func stop(_ process: Process, _ input: Pipe) {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Reads up to the first newline on a thread of its own, not the cooperative pool.
    private static func readLine(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
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

/// A server script that did not start.
public struct ScriptServerError: Error, CustomStringConvertible {
    public var message: String
    /// What the script printed first, if anything.
    public var firstLine: String = ""
    public var description: String { message }
}
