import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport
@testable import AWSCore

/// IAM Identity Center (SSO) profiles: the token `aws sso login` cached, exchanged for role
/// credentials at a fake portal on 127.0.0.1 (Fixtures/credentials_server.py).
struct SSOCredentialProviderTests {
    /// A home folder with a config file and, when `token` is given, a cached token under the
    /// cache key of `cacheKeyOf` (the session name or the start URL) expiring at `expiresAt`.
    static func home(config: String, cacheKeyOf: String, token: String? = "sso-access-token",
                     expiresAt: String = "2099-01-01T00:00:00Z") throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-sso-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.aws/sso/cache", withIntermediateDirectories: true)
        try config.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        if let token {
            let document = #"{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "\#(token)", "expiresAt": "\#(expiresAt)"}"#
            try document.write(toFile: home + "/.aws/sso/cache/\(SHA1.hexDigest(cacheKeyOf)).json", atomically: true, encoding: .utf8)
        }
        return home
    }

    static let sessionConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = ReadOnly
        region = eu-west-1

        [sso-session corp]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        """

    static func resolver(home: String, profile: String, portal: ScriptServer?) throws -> CredentialResolver {
        var variables = ["HOME": home, "AWS_CONFIG_FILE": home + "/.aws/config", "AWS_SHARED_CREDENTIALS_FILE": home + "/.aws/credentials",
                         "AWS_EC2_METADATA_DISABLED": "true"]
        if let portal { variables["AWS_ENDPOINT_URL_SSO"] = portal.url("") }
        return try CredentialResolver(options: CredentialOptions(profile: profile), environment: AWSEnvironment(variables: variables, homeDirectory: home),
                                      transport: CurlClient())
    }

    @Test func theCacheKeyIsTheSHA1OfTheSessionName() {
        // `echo -n corp | sha1sum`
        #expect(SHA1.hexDigest("corp") == "ee0bfd2552fbd840c02cc48b6e823320543c450f")
    }

    @Test func anSSOSessionProfileGetsRoleCredentials() async throws {
        let portal = try await MetadataCredentialProviderTests.server()
        defer { portal.stop() }
        let home = try Self.home(config: Self.sessionConfig, cacheKeyOf: "corp")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let credentials = try await Self.resolver(home: home, profile: "dev", portal: portal).provider().credentials()
        #expect(credentials == Credentials(accessKeyID: "ASIASSO", secretAccessKey: "sso/secret", sessionToken: "sso-session-token",
                                           expiration: Date(timeIntervalSince1970: 1_893_456_000)))
    }

    @Test func aLegacyProfileIsKeyedByItsStartURL() async throws {
        let portal = try await MetadataCredentialProviderTests.server()
        defer { portal.stop() }
        let config = """
            [profile old]
            sso_start_url = https://example.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """
        let home = try Self.home(config: config, cacheKeyOf: "https://example.awsapps.com/start", expiresAt: "2099-01-01T00:00:00UTC")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let credentials = try await Self.resolver(home: home, profile: "old", portal: portal).provider().credentials()
        #expect(credentials?.accessKeyID == "ASIASSO")
    }

    @Test func anExpiredOrMissingTokenAsksForALogin() async throws {
        let expired = try Self.home(config: Self.sessionConfig, cacheKeyOf: "corp", expiresAt: "2020-01-01T00:00:00Z")
        let missing = try Self.home(config: Self.sessionConfig, cacheKeyOf: "corp", token: nil)
        defer { for home in [expired, missing] { try? FileManager.default.removeItem(atPath: home) } }
        for (home, reason) in [(expired, "the cached SSO token has expired"), (missing, "no cached SSO token")] {
            let error = await #expect(throws: CredentialsError.self) {
                _ = try await Self.resolver(home: home, profile: "dev", portal: nil).provider().credentials()
            }
            #expect(String(describing: error!).contains(reason))
            #expect(String(describing: error!).contains("aws sso login --profile dev"))
        }
    }

    @Test func aRefusedTokenAndIncompleteSettingsAreExplained() async throws {
        let portal = try await MetadataCredentialProviderTests.server()
        defer { portal.stop() }
        let refused = try Self.home(config: Self.sessionConfig, cacheKeyOf: "corp", token: "stale-token")
        let incomplete = try Self.home(config: "[profile half]\nsso_session = corp\n\n[sso-session corp]\nsso_start_url = https://x\nsso_region = eu-west-1\n",
                                       cacheKeyOf: "corp")
        defer { for home in [refused, incomplete] { try? FileManager.default.removeItem(atPath: home) } }
        await #expect(throws: CredentialsError.ssoRejected(profile: "dev", status: 401, code: "UnauthorizedException")) {
            _ = try await Self.resolver(home: refused, profile: "dev", portal: portal).provider().credentials()
        }
        await #expect(throws: CredentialsError.ssoIncomplete(profile: "half", missing: ["sso_account_id", "sso_role_name"])) {
            _ = try await Self.resolver(home: incomplete, profile: "half", portal: portal).provider().credentials()
        }
    }
}
