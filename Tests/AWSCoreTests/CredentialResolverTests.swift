import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import AWSCore

/// The chain built for ecsnodes' options as botocore builds it (aws-core.md §2.1, §2.2, §2.4),
/// with shared files in a temporary folder and STS faked on 127.0.0.1.
struct CredentialResolverTests {
    static let envKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "SECRETENV"]
    static let baseKeys = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = SECRETBASE\n"

    static func role(_ name: String) -> String { "arn:aws:iam::123456789012:role/\(name)" }

    /// The credentials the resolver gives for `options`, with `variables` in the environment.
    static func resolve(_ files: TemporaryAWSFiles, _ options: CredentialOptions, _ variables: [String: String] = [:]) async throws -> Credentials? {
        let resolver = try CredentialResolver(options: options, environment: files.environment(variables), transport: CurlClient())
        return try await resolver.provider().credentials()
    }

    @Test func roleWithAStaticSourceProfile() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles(config: """
            [profile ar]
            role_arn = \(Self.role("ecsreader"))
            source_profile = base
            role_session_name = s2
            duration_seconds = 900
            external_id = ext-1
            region = eu-west-1
            """, credentials: Self.baseKeys)
        defer { files.remove() }
        // --profile: the environment keys are skipped, the source profile's keys sign.
        let variables = Self.envKeys.merging(["AWS_ENDPOINT_URL_STS": sts.endpoint]) { $1 }
        let credentials = try #require(try await Self.resolve(files, CredentialOptions(profile: "ar"), variables))
        #expect(credentials.accessKeyID == "ASIAECSREADER")
        #expect(credentials.sessionToken == "token-ecsreader-1")
        #expect(credentials.expiration != nil)
        #expect(try await sts.calls() == [FakeSTS.Call(role: Self.role("ecsreader"), session: "s2", duration: "900", externalID: "ext-1",
                                                      keyID: "AKIDBASE", region: "eu-west-1", token: nil, status: 200)])
    }

    @Test func chainedRolesSignWithTheInnerRolesCredentials() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles(config: """
            [profile second]
            role_arn = \(Self.role("second"))
            source_profile = first
            [profile first]
            role_arn = \(Self.role("first"))
            source_profile = base
            """, credentials: Self.baseKeys)
        defer { files.remove() }
        let options = CredentialOptions(profile: "second", roleSessionName: "chain", region: "us-east-2", stsEndpoint: sts.endpoint)
        let credentials = try #require(try await Self.resolve(files, options))
        #expect(credentials.accessKeyID == "ASIASECOND")
        let calls = try await sts.calls()
        #expect(calls.map(\.description) == ["AKIDBASE -> \(Self.role("first")) [200]", "ASIAFIRST -> \(Self.role("second")) [200]"])
        #expect(calls.map(\.token) == [nil, "token-first-1"])
        #expect(calls.map(\.region) == ["us-east-2", "us-east-2"])
        #expect(calls.map(\.session) == ["chain", "chain"])
    }

    @Test func credentialSourceEnvironmentReadsTheKeysEvenWithProfile() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles(config: "[profile envrole]\nrole_arn = \(Self.role("fromenv"))\ncredential_source = environment\n")
        defer { files.remove() }
        let variables = Self.envKeys.merging(["AWS_ENDPOINT_URL": sts.endpoint, "AWS_DEFAULT_REGION": "ap-south-1"]) { $1 }
        let credentials = try #require(try await Self.resolve(files, CredentialOptions(profile: "envrole"), variables))
        #expect(credentials.accessKeyID == "ASIAFROMENV")
        #expect(try await sts.calls().map(\.description) == ["AKIDENV -> \(Self.role("fromenv")) [200]"])
        #expect(try await sts.calls().first?.region == "ap-south-1")
        // With no keys in the environment the role's source has nothing: an error, not a fall-through.
        await #expect(throws: CredentialsError.noSourceCredentials(profile: "envrole", source: "credential_source environment")) {
            _ = try await Self.resolve(files, CredentialOptions(profile: "envrole", region: "ap-south-1", stsEndpoint: sts.endpoint))
        }
    }

    @Test(arguments: [
        ("source_profile = base\ncredential_source = Environment", CredentialsError.roleSourceConflict(profile: "bad")),
        ("", .roleSourceMissing(profile: "bad")),
        ("credential_source = Keychain", .invalidProfileSetting(profile: "bad", key: "credential_source", value: "Keychain")),
        ("source_profile = missing", .profileNotFound("missing")),
    ])
    func roleProfilesNeedExactlyOneValidSource(settings: String, error: CredentialsError) async throws {
        let files = try TemporaryAWSFiles(config: "[profile bad]\nrole_arn = \(Self.role("r"))\nregion = us-east-1\n\(settings)\n",
                                          credentials: Self.baseKeys)
        defer { files.remove() }
        await #expect(throws: error) { _ = try await Self.resolve(files, CredentialOptions(profile: "bad")) }
        // The same profile through AWS_PROFILE: the environment keys come first and answer.
        let credentials = try await Self.resolve(files, CredentialOptions(), Self.envKeys.merging(["AWS_PROFILE": "bad"]) { $1 })
        #expect(credentials?.accessKeyID == "AKIDENV")
    }

    @Test func sourceProfileLoopsAreErrorsButSelfReferenceWithKeysIsNot() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles(config: """
            [profile a]
            role_arn = \(Self.role("a"))
            source_profile = b
            [profile b]
            role_arn = \(Self.role("b"))
            source_profile = a
            [profile self]
            role_arn = \(Self.role("self"))
            source_profile = self
            aws_access_key_id = AKIDSELF
            aws_secret_access_key = SECRETSELF
            """)
        defer { files.remove() }
        let options = CredentialOptions(profile: "a", region: "us-east-1", stsEndpoint: sts.endpoint)
        await #expect(throws: CredentialsError.sourceProfileLoop(["a", "b", "a"])) { _ = try await Self.resolve(files, options) }
        #expect(try await sts.calls().isEmpty)
        var selfOptions = options
        selfOptions.profile = "self"
        #expect(try await Self.resolve(files, selfOptions)?.accessKeyID == "ASIASELF")
        #expect(try await sts.calls().map(\.description) == ["AKIDSELF -> \(Self.role("self")) [200]"])
    }

    @Test func assumeRoleARNOnTopOfEnvironmentKeys() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles()
        defer { files.remove() }
        let options = CredentialOptions(assumeRoleARN: Self.role("crossaccount"), roleSessionName: "ecsnodes-test", externalID: "ext-9")
        let variables = Self.envKeys.merging(["AWS_REGION": "eu-central-1", "AWS_ENDPOINT_URL_STS": sts.endpoint]) { $1 }
        #expect(try await Self.resolve(files, options, variables)?.accessKeyID == "ASIACROSSACCOUNT")
        #expect(try await sts.calls() == [FakeSTS.Call(role: Self.role("crossaccount"), session: "ecsnodes-test", duration: "3600",
                                                      externalID: "ext-9", keyID: "AKIDENV", region: "eu-central-1", token: nil, status: 200)])
        // Without a region the role cannot be assumed, and that is known before any call.
        #expect(throws: CredentialsError.noRegionForSTS(roleARN: Self.role("crossaccount"))) {
            _ = try CredentialResolver(options: options, environment: files.environment(Self.envKeys), transport: CurlClient()).provider()
        }
    }

    /// A token file for the web-identity tests.
    static func tokenFile(_ files: TemporaryAWSFiles, _ token: String) throws -> String {
        let path = files.folder.appendingPathComponent("token").path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (EKS service accounts, GitHub Actions):
    /// an unsigned AssumeRoleWithWebIdentity with the file's token, after the environment keys
    /// in the chain and before the container role; off when --profile names a profile.
    @Test func webIdentityFromTheEnvironment() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles(config: "[profile named]\nregion = eu-west-1\n")
        defer { files.remove() }
        let variables = ["AWS_WEB_IDENTITY_TOKEN_FILE": try Self.tokenFile(files, "eyJ.oidc.token"), "AWS_ROLE_ARN": Self.role("irsa"),
                         "AWS_ROLE_SESSION_NAME": "pod-1", "AWS_ENDPOINT_URL_STS": sts.endpoint,
                         "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/never"]
        let credentials = try #require(try await Self.resolve(files, CredentialOptions(region: "us-west-2"), variables))
        #expect(credentials.accessKeyID == "ASIAIRSA" && credentials.sessionToken == "token-irsa-1" && credentials.expiration != nil)
        #expect(try await sts.calls() == [FakeSTS.Call(action: "AssumeRoleWithWebIdentity", role: Self.role("irsa"), session: "pod-1",
                                                      status: 200, webIdentityToken: "eyJ.oidc.token")])
        // The environment's keys come first.
        #expect(try await Self.resolve(files, CredentialOptions(), variables.merging(Self.envKeys) { $1 })?.accessKeyID == "AKIDENV")
        // A profile named with --profile turns the variables off (the chain then reaches the container endpoint).
        let resolver = try CredentialResolver(options: CredentialOptions(profile: "named"), environment: files.environment(variables),
                                              transport: CurlClient())
        #expect(!resolver.sources(try resolver.profileSettings()).contains { $0 is WebIdentityCredentialProvider })
    }

    /// A profile's `web_identity_token_file` with its `role_arn` (not an AssumeRole profile);
    /// STS's refusal of the token is reported with the role and what to check.
    @Test func webIdentityFromAProfileAndARefusedToken() async throws {
        let sts = try await FakeSTS.start()
        defer { sts.stop() }
        let files = try TemporaryAWSFiles()
        defer { files.remove() }
        let token = try Self.tokenFile(files, "expired-token")
        try """
            [profile oidc]
            role_arn = \(Self.role("deployer"))
            web_identity_token_file = \(token)
            [profile broken]
            web_identity_token_file = \(token)
            """.write(to: files.folder.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let options = CredentialOptions(profile: "oidc", stsEndpoint: sts.endpoint)
        let error = await #expect(throws: CredentialsError.self) { _ = try await Self.resolve(files, options) }
        #expect("\(error!)".hasPrefix("sts:AssumeRoleWithWebIdentity on \(Self.role("deployer")) failed: InvalidIdentityToken: Token is expired"))
        #expect("\(error!)".contains("check that the role trusts its issuer"))
        try "a-good-token".write(toFile: token, atomically: true, encoding: .utf8)
        #expect(try await Self.resolve(files, options)?.accessKeyID == "ASIADEPLOYER")
        #expect(try await sts.calls().map(\.webIdentityToken) == ["expired-token", "a-good-token"])
        await #expect(throws: CredentialsError.webIdentityWithoutRole(source: "profile 'broken'")) {
            _ = try await Self.resolve(files, CredentialOptions(profile: "broken", stsEndpoint: sts.endpoint))
        }
    }
}
