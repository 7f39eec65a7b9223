import AWSHTTP
import AWSSigner
import Foundation

/// Temporary credentials for a role, from STS `AssumeRole` signed with the credentials of
/// another provider (aws-core.md §2.4).
///
/// The call is the query protocol botocore sends: `POST /` with a form body, SigV4 for the
/// service `sts`, to `https://sts.<region>.amazonaws.com` unless an endpoint is given. A
/// source with no credentials means this provider has none either; callers that need the
/// source wrap it so that it throws instead.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    /// The role to assume: `arn:aws:iam::123456789012:role/ecsreader`.
    public var roleARN: String
    /// The session name, which shows up in the assumed role's ARN and in CloudTrail.
    public var sessionName: String
    /// The external id the role's trust policy asks for, if any.
    public var externalID: String?
    /// How long the credentials last; STS's default is 3600.
    public var durationSeconds: Int
    /// The region STS is called in and the request is signed for.
    public var region: String
    /// The endpoint URL, `https://sts.<region>.amazonaws.com` or an override.
    public var endpoint: String
    /// Where the signing credentials come from.
    public let source: any CredentialProvider
    public let transport: any HTTPTransport
    /// The signing time; tests pin it.
    public var now: @Sendable () -> Date = { Date() }

    public init(
        roleARN: String,
        sessionName: String,
        externalID: String? = nil,
        durationSeconds: Int = 3600,
        region: String,
        endpoint: String? = nil,
        source: any CredentialProvider,
        transport: any HTTPTransport
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.region = region
        self.endpoint = endpoint ?? Self.regionalEndpoint(region)
        self.source = source
        self.transport = transport
    }

    public var name: String { "assume role \(roleARN)" }

    /// The regional STS endpoint botocore uses by default (`sts_regional_endpoints = regional`).
    public static func regionalEndpoint(_ region: String) -> String {
        "https://sts.\(region).amazonaws.com\(region.hasPrefix("cn-") ? ".cn" : "")"
    }

    /// The endpoint override in effect: `explicit`, then `AWS_ENDPOINT_URL_STS`, then
    /// `AWS_ENDPOINT_URL` (both ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`).
    public static func endpointOverride(explicit: String?, environment: AWSEnvironment) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        guard environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" else { return nil }
        return environment["AWS_ENDPOINT_URL_STS"] ?? environment["AWS_ENDPOINT_URL"]
    }

    /// The form body of the `AssumeRole` call, encoded as botocore encodes it.
    var formBody: String {
        var fields = [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("DurationSeconds", String(durationSeconds))]
        if let externalID { fields.append(("ExternalId", externalID)) }
        return STSAnswer.formBody(action: "AssumeRole", fields)
    }

    public func credentials() async throws -> Credentials? {
        guard let sourceCredentials = try await source.credentials() else { return nil }
        let unsigned: SignableRequest
        do {
            unsigned = try SignableRequest(
                method: "POST", url: endpoint,
                headers: [(name: "Content-Type", value: STSAnswer.contentType)], body: Array(formBody.utf8))
        } catch {
            throw failure(nil, "the STS endpoint '\(endpoint)' is not a URL (\(error))")
        }
        let signed = SigV4Signer(credentials: sourceCredentials, region: region, service: "sts").sign(unsigned, at: now())
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "POST", url: signed.url, headers: signed.headers, body: signed.body))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw failure(nil, "\(error) (\(endpoint))")
        }
        return try interpret(response)
    }

    /// The credentials in a 200 answer, or the error STS gave.
    func interpret(_ response: HTTPResponse) throws -> Credentials {
        try STSAnswer(action: "sts:AssumeRole", roleARN: roleARN, endpoint: endpoint).credentials(from: response, failure: failure)
    }

    private func failure(_ code: String?, _ message: String) -> CredentialsError {
        .assumeRoleFailed(roleARN: roleARN, code: code, message: message)
    }
}
