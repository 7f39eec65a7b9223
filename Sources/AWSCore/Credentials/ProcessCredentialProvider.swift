import AWSSigner
import Foundation

/// `credential_process`: runs the command (split shell-style, no shell) and reads the
/// credentials it prints as JSON with `"Version": 1` (aws-core.md §2.5).
public struct ProcessCredentialProvider: CredentialProvider {
    public let command: String
    public let environment: AWSEnvironment

    public init(command: String, environment: AWSEnvironment) {
        self.command = command
        self.environment = environment
    }

    public var name: String { "credential_process" }

    public func credentials() async throws -> Credentials? {
        let words = ShellWords.split(command)
        guard let program = words.first else { throw failure("the command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? Array(words.dropFirst()) : words
        process.environment = environment.variables
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw failure("cannot start it: \(error.localizedDescription)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw failure("exit status \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)")")
        }
        return try parse(stdout)
    }

    private func parse(_ data: Data) throws -> Credentials {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw failure("its output is not a JSON object")
        }
        guard object["Version"] as? Int == 1 else { throw failure("unsupported Version (must be 1)") }
        guard let keyID = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw failure("its output lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = ISO8601.date(text) else { throw CredentialsError.badExpiration(source: "credential_process output", value: text) }
            expiration = date
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String, expiration: expiration)
    }

    private func failure(_ reason: String) -> CredentialsError {
        .processFailed(command: command, reason: reason)
    }
}
