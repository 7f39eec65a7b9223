import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport
@testable import AWSCore

/// Container and instance-metadata credentials against a fake endpoint on 127.0.0.1
/// (Fixtures/credentials_server.py), as aws-core.md §2.7 and §2.8 describe them.
struct MetadataCredentialProviderTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/credentials_server.py").path
    static let expected = Credentials(accessKeyID: "ASIATEST", secretAccessKey: "secret/test", sessionToken: "session-token",
                                      expiration: Date(timeIntervalSince1970: 1_893_456_000))

    static func server(_ arguments: [String] = []) async throws -> ScriptServer {
        try await ScriptServer.start(script: script, arguments: arguments)
    }

    static func log(_ server: ScriptServer, _ client: CurlClient) async throws -> [[String: Any]] {
        let response = try await client.send(HTTPRequest(url: server.url("/_log")))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as! [[String: Any]]
    }

    static func environment(_ variables: [String: String]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: "/nonexistent")
    }

    @Test func containerEndpointChoice() throws {
        let client = CurlClient()
        let relative = ContainerCredentialProvider(environment: Self.environment([
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/x",
        ]), transport: client)
        #expect(try relative.endpoint() == "http://169.254.170.2/v2/credentials/abc")
        let foreign = ContainerCredentialProvider(environment: Self.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]), transport: client)
        #expect(throws: CredentialsError.unsupportedContainerHost("example.com")) { try foreign.endpoint() }
        let none = ContainerCredentialProvider(environment: Self.environment([:]), transport: client)
        #expect(try none.endpoint() == nil)
    }

    @Test func containerCredentialsWithATokenFile() async throws {
        let server = try await Self.server(["--auth", "token-from-file"])
        defer { server.stop() }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-token-\(UUID().uuidString)")
        try "token-from-file\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        let client = CurlClient()
        let provider = ContainerCredentialProvider(environment: Self.environment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds"),
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "token-from-variable",
        ]), transport: client)
        #expect(try await provider.credentials() == Self.expected)
        let request = try #require(try await Self.log(server, client).first)
        let headers = request["headers"] as! [String: String]
        #expect(headers["Accept"] == "application/json")
        #expect(headers["Authorization"] == "token-from-file")
    }

    @Test func containerEndpointIsRetriedThenReported() async throws {
        let server = try await Self.server(["--fail-first", "2"])
        defer { server.stop() }
        var provider = ContainerCredentialProvider(environment: Self.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds")]), transport: CurlClient())
        provider.retryDelay = .milliseconds(10)
        #expect(try await provider.credentials() == Self.expected)
        let failing = try await Self.server(["--fail-first", "5"])
        defer { failing.stop() }
        var gaveUp = ContainerCredentialProvider(environment: Self.environment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": failing.url("/creds")]), transport: CurlClient())
        gaveUp.retryDelay = .milliseconds(10)
        await #expect(throws: CredentialsError.endpointFailed(source: "container", url: failing.url("/creds"), reason: "HTTP 500")) {
            _ = try await gaveUp.credentials()
        }
    }

    @Test func instanceMetadataV2() async throws {
        let server = try await Self.server(["--require-token"])
        defer { server.stop() }
        let client = CurlClient()
        let provider = InstanceMetadataCredentialProvider(environment: Self.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url("")]), transport: client)
        #expect(try await provider.credentials() == Self.expected)
        let log = try await Self.log(server, client)
        #expect(log.map { "\($0["method"]!) \($0["path"]!)" } == [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/testrole",
        ])
        #expect((log[0]["headers"] as! [String: String])["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect((log[2]["headers"] as! [String: String])["x-aws-ec2-metadata-token"] == "imds-token")
    }

    @Test func instanceMetadataFallsBackToV1UnlessDisabled() async throws {
        let server = try await Self.server(["--token-status", "403"])
        defer { server.stop() }
        let client = CurlClient()
        let endpoint = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url("/")]
        #expect(try await InstanceMetadataCredentialProvider(environment: Self.environment(endpoint), transport: client).credentials() == Self.expected)
        let v1Disabled = InstanceMetadataCredentialProvider(environment: Self.environment(endpoint.merging(["AWS_EC2_METADATA_V1_DISABLED": "true"]) { $1 }), transport: client)
        await #expect(throws: CredentialsError.self) { _ = try await v1Disabled.credentials() }
    }

    @Test func instanceMetadataAbsentOrRefusedMeansNoCredentials() async throws {
        let client = CurlClient()
        let badRequest = try await Self.server(["--token-status", "400"])
        defer { badRequest.stop() }
        #expect(try await InstanceMetadataCredentialProvider(environment: Self.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": badRequest.url("/")]), transport: client).credentials() == nil)
        let closed = try await Self.server()
        let url = closed.url("/")
        closed.stop()
        let started = ContinuousClock.now
        #expect(try await InstanceMetadataCredentialProvider(environment: Self.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": url]), transport: client).credentials() == nil)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(try await InstanceMetadataCredentialProvider(environment: Self.environment(["AWS_EC2_METADATA_DISABLED": "true"]), transport: client).credentials() == nil)
    }
}
