import AWSHTTP
import AWSSigner
import Foundation

/// One call to an AWS service of the JSON 1.1 protocol (ECS, KMS): `POST /` with
/// `X-Amz-Target: <prefix>.<Action>`, signed with SigV4 again for every attempt, retried as the
/// policy allows; a non-2xx answer becomes an ``AWSError`` with the caller's keys removed.
struct JSONProtocolCall {
    /// The SigV4 signing name, also the service an error names: `ecs`, `kms`.
    var service: String
    var targetPrefix: String
    var region: String
    var endpoint: String
    var credentialProvider: any CredentialProvider
    var transport: any HTTPTransport
    var retryPolicy: RetryPolicy
    var now: @Sendable () -> Date

    static let contentType = "application/x-amz-json-1.1"

    /// Sends `body` to `action` and returns the 2xx response; an error names `cluster` if given.
    ///
    /// Credentials refused as expired are fetched again and the call sent once more with
    /// the new ones (when there are new ones): temporary credentials can stop working before
    /// the expiration they came with.
    func send(action: String, body: [UInt8], cluster: String? = nil) async throws -> HTTPResponse {
        let credentials = try await currentCredentials()
        do {
            return try await send(action: action, body: body, cluster: cluster, signedWith: credentials)
        } catch let error as AWSError where error.meansExpiredCredentials {
            await credentialProvider.invalidate(credentials)
            let fresh = try await currentCredentials()
            guard !fresh.isSameKey(as: credentials) else { throw error }
            return try await send(action: action, body: body, cluster: cluster, signedWith: fresh)
        }
    }

    private func currentCredentials() async throws -> Credentials {
        guard let credentials = try await credentialProvider.credentials() else {
            throw CredentialsError.notFound(tried: [credentialProvider.name])
        }
        return credentials
    }

    /// One call signed with `credentials`, retried as the policy allows.
    private func send(action: String, body: [UInt8], cluster: String?, signedWith credentials: Credentials) async throws -> HTTPResponse {
        let secrets = [credentials.accessKeyID, credentials.secretAccessKey, credentials.sessionToken].compactMap { $0 }
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let unsigned = try SignableRequest(method: "POST", url: Self.postURL(endpoint), headers: [
            (name: "Content-Type", value: Self.contentType),
            (name: "X-Amz-Target", value: "\(targetPrefix).\(action)"),
        ], body: body)
        return try await retryPolicy.run { attempt in
            // Signed again for each attempt, so a retry carries a fresh X-Amz-Date.
            let signed = signer.sign(unsigned, at: now())
            let response = try await transport.send(HTTPRequest(method: "POST", url: signed.url, headers: signed.headers, body: body))
            guard (200..<300).contains(response.status) else {
                throw AWSError(service: service, action: action, response: response, region: region, cluster: cluster, attempts: attempt)
                    .redacting(secrets)
            }
            return response
        }
    }

    /// The endpoint with its path ending in `/`, where JSON-protocol requests go.
    static func postURL(_ endpoint: String) -> String {
        var base = endpoint
        if let query = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<query]) }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/"
    }

    /// The endpoint of `service` (`ecs`, `kms`): `explicit` (`--endpoint-url`), else
    /// `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL` (both ignored when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`, as the SDKs do), else AWS's own for
    /// `region` (`.amazonaws.com.cn` in the China regions).
    static func endpoint(service: String, explicit: String?, environment: AWSEnvironment, region: String) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
           let configured = environment["AWS_ENDPOINT_URL_\(service.uppercased())"] ?? environment["AWS_ENDPOINT_URL"] {
            return configured
        }
        return defaultEndpoint(service: service, region: region)
    }

    static func defaultEndpoint(service: String, region: String) -> String {
        "https://\(service).\(region).\(region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com")"
    }
}
