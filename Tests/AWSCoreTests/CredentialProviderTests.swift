import AWSSigner
import Foundation
import Testing
@testable import AWSCore

/// Environment, profile and credential_process credentials, resolved as the AWS SDKs do
/// (aws-core.md §2.2, §2.3, §2.5).
struct CredentialProviderTests {
    static func environment(_ variables: [String: String]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: "/nonexistent")
    }

    @Test func environmentKeysWithTheLegacyTokenWinning() async throws {
        let provider = EnvironmentCredentialProvider(environment: Self.environment([
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET",
            "AWS_SESSION_TOKEN": "new", "AWS_SECURITY_TOKEN": "legacy",
            "AWS_CREDENTIAL_EXPIRATION": "2026-11-29T08:13:25.675769Z",
        ]))
        let credentials = try #require(try await provider.credentials())
        #expect(credentials.accessKeyID == "AKID")
        #expect(credentials.secretAccessKey == "SECRET")
        #expect(credentials.sessionToken == "legacy")
        // moto writes microseconds; a millisecond is precise enough for an expiry.
        #expect(abs(credentials.expiration!.timeIntervalSince1970 - 1_795_940_005.675769) < 0.001)
    }

    @Test func emptyKeyIsUnsetAndAHalfPairStopsTheChain() async throws {
        #expect(try await EnvironmentCredentialProvider(environment: Self.environment(["AWS_ACCESS_KEY_ID": ""])).credentials() == nil)
        await #expect(throws: CredentialsError.partial(source: "the environment", missing: "AWS_SECRET_ACCESS_KEY")) {
            _ = try await CredentialProviderChain([
                EnvironmentCredentialProvider(environment: Self.environment(["AWS_ACCESS_KEY_ID": "AKID"])),
                ProfileCredentialProvider(profileName: "p", settings: ["aws_access_key_id": "K", "aws_secret_access_key": "S"]),
            ]).resolve()
        }
    }

    @Test func profileKeysAndTheChainOrder() async throws {
        let chain = CredentialProviderChain([
            EnvironmentCredentialProvider(environment: Self.environment([:])),
            ProfileCredentialProvider(profileName: "p", settings: ["aws_access_key_id": "K", "aws_secret_access_key": "S", "aws_session_token": "T"]),
        ])
        let credentials = try await chain.resolve()
        #expect(credentials == Credentials(accessKeyID: "K", secretAccessKey: "S", sessionToken: "T", expiration: nil))
        await #expect(throws: CredentialsError.notFound(tried: ["environment", "profile q"])) {
            _ = try await CredentialProviderChain([
                EnvironmentCredentialProvider(environment: Self.environment([:])),
                ProfileCredentialProvider(profileName: "q", settings: [:]),
            ]).resolve()
        }
    }

    /// A script in a temporary folder, run by credential_process.
    static func script(_ body: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes creds \(UUID().uuidString).sh")
        try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        return url.path
    }

    @Test func credentialProcessOutputIsRead() async throws {
        let path = try Self.script(#"echo "{\"Version\": 1, \"AccessKeyId\": \"PK\", \"SecretAccessKey\": \"$1\", \"SessionToken\": \"PT\", \"Expiration\": \"2030-01-01T00:00:00Z\"}""#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The path has spaces: it is quoted, and the argument passes through without a shell.
        // (The script runs through /bin/sh rather than exec'd itself: a file just written can
        // be "busy" for exec while parallel tests fork.)
        let provider = ProcessCredentialProvider(command: "/bin/sh '\(path)' 'secret with spaces'", environment: Self.environment([:]))
        let credentials = try #require(try await provider.credentials())
        #expect(credentials == Credentials(accessKeyID: "PK", secretAccessKey: "secret with spaces", sessionToken: "PT",
                                           expiration: Date(timeIntervalSince1970: 1_893_456_000)))
    }

    @Test(arguments: [
        (#"echo 'nope' >&2; exit 3"#, "exit status 3: nope"),
        (#"echo '{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}'"#, "unsupported Version (must be 1)"),
        (#"echo '{"Version": 1}'"#, "its output lacks AccessKeyId or SecretAccessKey"),
        ("echo 'not json'", "its output is not a JSON object"),
    ])
    func credentialProcessFailuresStopTheChain(body: String, reason: String) async throws {
        let path = try Self.script(body)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = ProcessCredentialProvider(command: "/bin/sh '\(path)'", environment: Self.environment([:]))
        await #expect(throws: CredentialsError.processFailed(command: "/bin/sh '\(path)'", reason: reason)) { _ = try await provider.credentials() }
    }
}
