import AWSHTTP
import AWSSigner
import Foundation

/// Temporary credentials for a role from STS `AssumeRoleWithWebIdentity`, with an OpenID
/// Connect token read from a file: EKS service accounts (IRSA), GitHub Actions and other OIDC
/// federations (aws-core.md §2.1, item 3).
///
/// The call is not signed — the token is the proof — and the token file is read on every fetch,
/// as the platforms rotate it in place.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// The role to assume.
    public var roleARN: String
    /// The file holding the token (`AWS_WEB_IDENTITY_TOKEN_FILE`, `web_identity_token_file`).
    public var tokenFile: String
    public var sessionName: String
    /// The endpoint URL: the region's STS, the global one without a region, or an override.
    public var endpoint: String
    public let transport: any HTTPTransport

    public init(roleARN: String, tokenFile: String, sessionName: String, region: String?, endpoint: String? = nil,
                transport: any HTTPTransport) {
        self.roleARN = roleARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.endpoint = endpoint ?? region.map(AssumeRoleCredentialProvider.regionalEndpoint) ?? "https://sts.amazonaws.com"
        self.transport = transport
    }

    public var name: String { "web identity \(roleARN)" }

    public func credentials() async throws -> Credentials? {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw CredentialsError.webIdentityFailed(roleARN: roleARN, code: nil, message: "cannot read the token file \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw CredentialsError.webIdentityFailed(roleARN: roleARN, code: nil, message: "the token file \(tokenFile) is empty")
        }
        let body = STSAnswer.formBody(action: "AssumeRoleWithWebIdentity", [
            ("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ])
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(
                method: "POST", url: endpoint, headers: [(name: "Content-Type", value: STSAnswer.contentType)], body: Array(body.utf8)))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CredentialsError.webIdentityFailed(roleARN: roleARN, code: nil, message: "\(error) (\(endpoint))")
        }
        return try STSAnswer(action: "sts:AssumeRoleWithWebIdentity", roleARN: roleARN, endpoint: endpoint)
            .credentials(from: response) { code, message in .webIdentityFailed(roleARN: roleARN, code: code, message: message) }
    }
}
