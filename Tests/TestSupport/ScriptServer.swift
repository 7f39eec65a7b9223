import Foundation

/// A test server written in Python, run on 127.0.0.1 for the length of a test.
///
/// The script binds port 0, prints the port on its first line and exits when its standard
/// input closes, which happens at the latest when the test process exits: no server outlives
/// the tests, even if they crash.
public final class ScriptServer: Sendable {
    public let port: Int
    private let process: Process
    private let input: Pipe

    private init(port: Int, process: Process, input: Pipe) {
        self.port = port
        self.process = process
        self.input = input
    }

    /// Starts `python3 script arguments…` and waits for the port it prints.
    public static func start(script: String, arguments: [String] = []) async throws -> ScriptServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let firstLine = await readLine(output.fileHandleForReading)
        guard let port = Int(firstLine.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ScriptServerError(message: "\(script) did not print a port (got \"\(firstLine)\"); is python3 on PATH?")
        }
        return ScriptServer(port: port, process: process, input: input)
    }

    /// The URL of `path` on this server.
    public func url(_ path: String, scheme: String = "http") -> String {
        "\(scheme)://127.0.0.1:\(port)\(path)"
    }

    /// Stops the server and waits until it has exited, so its port is closed.
    public func stop() {
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
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }
}

/// A server script that did not start.
public struct ScriptServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
