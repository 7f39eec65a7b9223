import Foundation

/// Signs HTTP requests with AWS Signature Version 4.
///
/// A value with no hidden state: the signing time is an argument (`Date()` by default), so
/// tests pin it. The algorithm is spelled out as the four stages of
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, each public
/// so tests can compare every intermediate string with AWS's published test suite.
public struct SigV4Signer: Sendable {
    /// The algorithm name that starts the string to sign and the `Authorization` value.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The keys that sign; a session token is sent as `X-Amz-Security-Token`.
    public var credentials: Credentials
    /// The region in the credential scope: `us-east-1`.
    public var region: String
    /// The signing name of the service in the credential scope: `ecs`, `sts`, `s3`.
    public var service: String
    /// Whether ``sign(_:at:payloadHash:)`` adds and signs `X-Amz-Content-SHA256` with the
    /// payload hash. S3 requires it; ECS and most JSON APIs don't, so it is off by default.
    public var addsContentSHA256Header: Bool

    public init(credentials: Credentials, region: String, service: String, addsContentSHA256Header: Bool = false) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.addsContentSHA256Header = addsContentSHA256Header
    }

    /// Returns `request` with `X-Amz-Date`, `X-Amz-Security-Token` (when the credentials have a
    /// token), `X-Amz-Content-SHA256` (when ``addsContentSHA256Header`` is set) and
    /// `Authorization` set, replacing any earlier values of those headers.
    ///
    /// `Host` is signed as ``SignableRequest/authority`` unless the request already has a
    /// `Host` header, and is not added: the transport must send exactly that value (libcurl
    /// does, from the URL).
    public func sign(_ request: SignableRequest, at date: Date = Date(), payloadHash: PayloadHash = .sha256OfBody) -> SignableRequest {
        let hash = payloadHash.value(for: request.body)
        var signed = withSigningHeaders(request, at: date, payloadHash: hash)
        let canonical = CanonicalRequest(signed, payloadHash: hash, normalizesPath: normalizesPath)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: canonical.text, at: date), at: date)
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(date: date)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        signed.setHeader("Authorization", authorization)
        return signed
    }

    /// Stage 1: the canonical request, as in "Create a canonical request" of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html —
    /// method, canonical URI, canonical query, canonical headers, signed headers and payload
    /// hash, one per line. `request` is taken before signing: the headers ``sign(_:at:payloadHash:)``
    /// adds (`X-Amz-Date`, the token) are included here too.
    public func canonicalRequest(_ request: SignableRequest, at date: Date, payloadHash: PayloadHash = .sha256OfBody) -> String {
        let hash = payloadHash.value(for: request.body)
        let prepared = withSigningHeaders(request, at: date, payloadHash: hash)
        return CanonicalRequest(prepared, payloadHash: hash, normalizesPath: normalizesPath).text
    }

    /// Stage 2: the string to sign, as in "Create a string to sign" of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html —
    /// the algorithm, the timestamp, the credential scope and the hex SHA-256 of the
    /// canonical request, one per line.
    public func stringToSign(canonicalRequest: String, at date: Date) -> String {
        [
            Self.algorithm,
            AMZDate(date).timestamp,
            credentialScope(date: date),
            SHA256.hexDigest(canonicalRequest),
        ].joined(separator: "\n")
    }

    /// Stage 3: the signing key, as in "Calculate the signature" of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html —
    /// `"AWS4" + secret` HMAC'd in turn with the day, the region, the service and
    /// `aws4_request`. It depends only on the day, so it could be cached per day.
    public func signingKey(date: Date) -> [UInt8] {
        let secret = Array("AWS4\(credentials.secretAccessKey)".utf8)
        let dateKey = HMAC.sha256(key: secret, message: AMZDate(date).day)
        let regionKey = HMAC.sha256(key: dateKey, message: region)
        let serviceKey = HMAC.sha256(key: regionKey, message: service)
        return HMAC.sha256(key: serviceKey, message: "aws4_request")
    }

    /// Stage 4: the signature, as in "Calculate the signature" of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html —
    /// the hex HMAC-SHA256 of the string to sign under the signing key.
    public func signature(stringToSign: String, at date: Date) -> String {
        Hex.encode(HMAC.sha256(key: signingKey(date: date), message: stringToSign))
    }

    /// The credential scope: `20150830/us-east-1/service/aws4_request`.
    public func credentialScope(date: Date) -> String {
        "\(AMZDate(date).day)/\(region)/\(service)/aws4_request"
    }

    /// Whether the canonical URI removes `.`, `..` and `//` and re-encodes the path; every
    /// service but S3 does.
    var normalizesPath: Bool { service != "s3" }

    /// `request` with the headers that are signed along with it set: `X-Amz-Date`, the session
    /// token when there is one, and `X-Amz-Content-SHA256` when asked for.
    func withSigningHeaders(_ request: SignableRequest, at date: Date, payloadHash: String) -> SignableRequest {
        var request = request
        request.setHeader("X-Amz-Date", AMZDate(date).timestamp)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        }
        if addsContentSHA256Header {
            request.setHeader("X-Amz-Content-SHA256", payloadHash)
        }
        return request
    }
}
