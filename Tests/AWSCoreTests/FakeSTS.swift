import AWSHTTP
import Foundation
import TestSupport
@testable import AWSCore

/// The fake STS endpoint of Fixtures/sts_server.py and what it recorded.
struct FakeSTS {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sts_server.py").path

    /// One AssumeRole or AssumeRoleWithWebIdentity request as the server saw it.
    struct Call: Equatable, CustomStringConvertible {
        var action: String? = "AssumeRole"
        var role: String?
        var session: String?
        var duration: String?
        var externalID: String?
        var keyID: String?
        var region: String?
        var token: String?
        var status: Int?
        var webIdentityToken: String?

        var description: String { "\(keyID ?? "-") -> \(role ?? "-") [\(status ?? 0)]" }
    }

    let server: ScriptServer
    let client = CurlClient()

    /// Starts the server; `deny` lists roles it refuses.
    static func start(deny: [String] = [], expiration: String? = nil) async throws -> FakeSTS {
        var arguments = deny.flatMap { ["--deny", $0] }
        if let expiration { arguments += ["--expiration", expiration] }
        return FakeSTS(server: try await ScriptServer.start(script: script, arguments: arguments))
    }

    /// The endpoint URL, as `AWS_ENDPOINT_URL_STS` or `--sts-endpoint` takes it.
    var endpoint: String { server.url("") }

    func stop() { server.stop() }

    /// The calls so far, in order.
    func calls() async throws -> [Call] {
        let response = try await client.send(HTTPRequest(url: server.url("/_log")))
        let entries = try JSONSerialization.jsonObject(with: Data(response.body)) as! [[String: Any]]
        return entries.map { entry in
            Call(action: entry["action"] as? String, role: entry["role"] as? String, session: entry["session"] as? String, duration: entry["duration"] as? String,
                 externalID: entry["external_id"] as? String, keyID: entry["key_id"] as? String, region: entry["region"] as? String,
                 token: entry["token"] as? String, status: entry["status"] as? Int,
                 webIdentityToken: entry["web_identity_token"] as? String)
        }
    }
}

/// Shared config and credentials files in a temporary folder, named to the resolver through
/// `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`; the real `~/.aws` is never read.
struct TemporaryAWSFiles {
    let folder: URL

    init(config: String = "", credentials: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try config.write(to: folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try credentials.write(to: folder.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
    }

    /// An environment naming these files, with `variables` added and instance metadata off
    /// (so a chain that finds nothing does not wait for 169.254.169.254).
    func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: [
            "AWS_CONFIG_FILE": folder.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": folder.appendingPathComponent("credentials").path,
            "AWS_EC2_METADATA_DISABLED": "true",
        ].merging(variables) { $1 }, homeDirectory: "/nonexistent")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
