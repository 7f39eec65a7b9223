import Foundation

/// Runs the built `ecsnodes` binary, as a user would, and captures what it prints.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (the same build folder).
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("ecsnodes").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("ecsnodes")
    }

    /// Runs the binary (or `executable`); `environment` replaces the AWS and cache variables of this process's
    /// environment (so a developer's own ~/.aws never leaks into a test).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") && $0.key != "XDG_CACHE_HOME" }
        variables["AWS_CONFIG_FILE"] = "/nonexistent/config"
        variables["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials"
        variables["AWS_EC2_METADATA_DISABLED"] = "true"
        variables["ECSNODES_CONFIG"] = "/nonexistent/ecsnodes.yaml"
        process.environment = variables.merging(environment) { $1 }
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
