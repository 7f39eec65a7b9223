import AWSHTTP
import AWSSigner
import Foundation

/// The role credentials of an IAM Identity Center (SSO) profile, from the token `aws sso
/// login` left in `~/.aws/sso/cache`, as aws-core.md §2.6 describes: an `sso-session`
/// profile (`sso_session` naming a `[sso-session NAME]` section) or a legacy one
/// (`sso_start_url` and `sso_region` in the profile), both with `sso_account_id` and
/// `sso_role_name`.
///
/// The credentials come from the portal's unsigned `GET /federation/credentials`
/// (`portal.sso.REGION.amazonaws.com`, or `AWS_ENDPOINT_URL_SSO`). An expired token is not
/// refreshed here: the error says to run `aws sso login`.
public struct SSOCredentialProvider: CredentialProvider {
    /// What a profile says about its SSO role.
    struct Settings: Equatable {
        var startURL: String
        var region: String
        var accountID: String
        var roleName: String
        /// The `sso-session` name; nil for a legacy profile.
        var session: String?

        /// The token cache file's name: SHA-1 of the session name, or of the start URL for a
        /// legacy profile.
        var cacheKey: String { SHA1.hexDigest(session ?? startURL) }
    }

    public let profileName: String
    let settings: Settings
    public let environment: AWSEnvironment
    public let transport: any HTTPTransport
    public var now: @Sendable () -> Date = { Date() }

    /// The provider of profile `name`, nil when the profile has no `sso_` setting; throws when
    /// its settings are incomplete or contradict its `sso-session`.
    init?(profile name: String, settings profile: [String: String], sessions: [String: [String: String]],
          environment: AWSEnvironment, transport: any HTTPTransport) throws(CredentialsError) {
        guard profile.keys.contains(where: { $0.hasPrefix("sso_") }) else { return nil }
        var merged = profile
        if let session = profile["sso_session"] {
            guard let section = sessions[session] else {
                throw .invalidProfileSetting(profile: name, key: "sso_session", value: session)
            }
            for (key, value) in section where key == "sso_start_url" || key == "sso_region" {
                if let own = profile[key], own != value { throw .ssoSettingConflict(profile: name, key: key) }
                merged[key] = value
            }
        }
        let required = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]
        let missing = required.filter { (merged[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw .ssoIncomplete(profile: name, missing: missing) }
        self.profileName = name
        self.settings = Settings(startURL: merged["sso_start_url"]!, region: merged["sso_region"]!, accountID: merged["sso_account_id"]!,
                                 roleName: merged["sso_role_name"]!, session: profile["sso_session"])
        self.environment = environment
        self.transport = transport
    }

    public var name: String { "SSO role of profile \(profileName)" }

    /// The cached token file `aws sso login` writes.
    var cacheFile: String {
        "\(environment.homeDirectory)/.aws/sso/cache/\(settings.cacheKey).json"
    }

    public func credentials() async throws -> Credentials? {
        let token = try accessToken()
        var url = URLComponents(string: endpoint())!
        url.path = "/federation/credentials"
        url.queryItems = [URLQueryItem(name: "role_name", value: settings.roleName), URLQueryItem(name: "account_id", value: settings.accountID)]
        let response = try await transport.send(HTTPRequest(method: "GET", url: url.string!, headers: [
            (name: "x-amz-sso_bearer_token", value: token), (name: "Accept", value: "application/json"),
        ], timeout: .seconds(10)))
        guard response.status == 200 else {
            throw CredentialsError.ssoRejected(profile: profileName, status: response.status, code: Self.errorCode(response))
        }
        guard let answer = try? JSONDecoder().decode(RoleCredentialsAnswer.self, from: Data(response.body)),
              let role = answer.roleCredentials, let keyID = role.accessKeyId, let secret = role.secretAccessKey else {
            throw CredentialsError.endpointFailed(source: "SSO portal", url: url.string!, reason: "the answer holds no roleCredentials")
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: role.sessionToken,
                           expiration: role.expiration.map { Date(timeIntervalSince1970: $0 / 1000) })
    }

    /// The portal: `AWS_ENDPOINT_URL_SSO`, else `AWS_ENDPOINT_URL`, else AWS's for the SSO region.
    func endpoint() -> String {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
           let configured = environment["AWS_ENDPOINT_URL_SSO"] ?? environment["AWS_ENDPOINT_URL"] {
            return configured
        }
        return "https://portal.sso.\(settings.region).amazonaws.com"
    }

    /// The cached access token, if present and not expired.
    func accessToken() throws(CredentialsError) -> String {
        guard let data = FileManager.default.contents(atPath: cacheFile),
              let cached = try? JSONDecoder().decode(CachedToken.self, from: data),
              let token = cached.accessToken, !token.isEmpty else {
            throw .ssoLoginNeeded(profile: profileName, reason: "no cached SSO token (\(cacheFile))")
        }
        guard let expiry = cached.expiresAt.flatMap(Self.date), expiry > now() else {
            throw .ssoLoginNeeded(profile: profileName, reason: "the cached SSO token has expired")
        }
        return token
    }

    /// `expiresAt` as the CLI writes it: ISO 8601, `Z` or `UTC` at the end.
    static func date(_ text: String) -> Date? {
        ISO8601.date(text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text)
    }

    private static func errorCode(_ response: HTTPResponse) -> String? {
        if let header = response.headers.first(where: { $0.name.lowercased() == "x-amzn-errortype" }) {
            return String(header.value.split(separator: ":").first ?? "")
        }
        return nil
    }

    private struct CachedToken: Decodable {
        var accessToken: String?
        var expiresAt: String?
    }

    private struct RoleCredentialsAnswer: Decodable {
        struct Role: Decodable {
            var accessKeyId: String?
            var secretAccessKey: String?
            var sessionToken: String?
            /// Epoch milliseconds.
            var expiration: Double?
        }

        var roleCredentials: Role?
    }
}
