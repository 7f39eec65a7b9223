import Foundation

/// Checks AWS Signature Version 4 `Authorization` headers, as an AWS endpoint does.
///
/// The canonical request is rebuilt from exactly the headers the client names in
/// `SignedHeaders` (so headers a proxy adds or a client leaves unsigned do not matter), the
/// path and query as sent, and the body's hash; then the string to sign and the signature come
/// from ``SigV4Signer``'s own stages with the secret of the access key the credential names.
/// The scope must name this verifier's region (any region when ``region`` is nil) and service
/// and the day of `X-Amz-Date`, which must lie within ``maxSkew`` of the clock. Failures carry
/// AWS's code, status and message (``SigV4VerificationError``); temporary credentials past
/// their expiration are refused with `ExpiredTokenException` once the signature checks out.
/// Query-string (presigned) signatures are not supported.
public struct SigV4Verifier: Sendable {
    /// AWS's limit on the difference between `X-Amz-Date` and its own clock: 15 minutes.
    public static let defaultMaxSkew: TimeInterval = 15 * 60

    /// The accepted keys by access key id; a key with a session token accepts only requests
    /// that carry exactly that token.
    public var keys: [String: Credentials]
    /// Asked for an access key id ``keys`` does not hold: keys issued while a server runs.
    public var lookup: (@Sendable (_ accessKeyID: String) -> Credentials?)?
    /// The region the credential scope must name: `us-east-1`; nil accepts any region (a
    /// simulator serving several regions on one endpoint reads it from ``Signed/region``).
    public var region: String?
    /// The signing name the credential scope must name: `ecs`, `kms`, `ssmmessages`.
    public var service: String
    /// The largest accepted difference between `X-Amz-Date` and the verifier's clock.
    public var maxSkew: TimeInterval

    /// A verifier accepting `credentials` (a later key with the same id replaces an earlier one).
    public init(credentials: [Credentials], region: String?, service: String, maxSkew: TimeInterval = defaultMaxSkew) {
        var keys: [String: Credentials] = [:]
        for key in credentials { keys[key.accessKeyID] = key }
        self.keys = keys
        self.region = region
        self.service = service
        self.maxSkew = maxSkew
    }

    /// Who signed a request whose signature verified, and the region its scope names.
    public struct Signed: Sendable, Equatable {
        public var credentials: Credentials
        public var region: String

        public init(credentials: Credentials, region: String) {
            self.credentials = credentials
            self.region = region
        }
    }

    /// Returns the credentials that signed `request` when its signature is valid at `now`;
    /// throws why it is not otherwise.
    @discardableResult
    public func verify(
        _ request: SignableRequest, at now: Date = Date(), payloadHash: SigV4Signer.PayloadHash = .sha256OfBody
    ) throws(SigV4VerificationError) -> Credentials {
        try check(request, at: now, payloadHash: payloadHash).credentials
    }

    /// Verifies `request` as ``verify(_:at:payloadHash:)`` does, and returns the region of its
    /// scope beside the credentials.
    public func check(
        _ request: SignableRequest, at now: Date = Date(), payloadHash: SigV4Signer.PayloadHash = .sha256OfBody
    ) throws(SigV4VerificationError) -> Signed {
        let values = request.headerValues("authorization")
        guard let header = values.first else { throw .missingAuthentication }
        guard values.count == 1 else { throw .incompleteSignature("The request carries more than one Authorization header.") }
        let authorization = try SigV4Authorization(parsing: header)

        guard let credentials = keys[authorization.accessKeyID] ?? lookup?(authorization.accessKeyID) else { throw .unrecognizedClient }
        let tokens = request.headerValues("x-amz-security-token")
        guard tokens.count <= 1, tokens.first == credentials.sessionToken else { throw .unrecognizedClient }

        guard let timestamp = request.headerValues("x-amz-date").first else {
            throw .incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard let signedAt = AMZDate.date(fromTimestamp: timestamp) else {
            throw .incompleteSignature("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", not '\(timestamp)'.")
        }
        try checkScope(authorization, timestamp: timestamp, signedAt: signedAt)
        try checkSkew(signedAt: signedAt, now: now)
        guard authorization.signedHeaders.contains("host") else {
            throw .incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }

        let signer = SigV4Signer(credentials: credentials, region: authorization.region, service: service)
        let canonical = canonicalRequest(request, authorization: authorization, payloadHash: payloadHash.value(for: request.body))
        let expected = signer.signature(stringToSign: signer.stringToSign(canonicalRequest: canonical, at: signedAt), at: signedAt)
        guard Self.constantTimeEqual(expected, authorization.signature) else { throw .signatureMismatch }
        guard !credentials.isExpired(at: now) else { throw .expiredToken }
        return Signed(credentials: credentials, region: authorization.region)
    }

    /// Stage 1 from the client's own list of signed headers: each named header's values, in
    /// canonical form, joined by `,`; a named header the request lacks gives an empty value.
    func canonicalRequest(_ request: SignableRequest, authorization: SigV4Authorization, payloadHash: String) -> String {
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            if authorization.signedHeaders.contains(name) {
                values[name, default: []].append(CanonicalRequest.canonicalValue(header.value))
            }
        }
        let block = authorization.signedHeaders.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return [
            request.method,
            CanonicalRequest.canonicalURI(request.path, normalizing: service != "s3"),
            CanonicalRequest.canonicalQuery(request.queryItems),
            block,
            authorization.signedHeaders.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The scope must be `<day of X-Amz-Date>/<region>/<service>/aws4_request` (any non-empty
    /// region when ``region`` is nil).
    private func checkScope(_ authorization: SigV4Authorization, timestamp: String, signedAt: Date) throws(SigV4VerificationError) {
        guard authorization.terminator == "aws4_request" else {
            throw .invalidScope("Credential should be scoped with a valid terminator: 'aws4_request', not '\(authorization.terminator)'. ")
        }
        guard authorization.service == service else {
            throw .invalidScope("Credential should be scoped to correct service: '\(service)'. ")
        }
        guard region == nil || authorization.region == region, !authorization.region.isEmpty else {
            throw .invalidScope("Credential should be scoped to a valid region, not '\(authorization.region)'. ")
        }
        let day = AMZDate(signedAt).day
        guard authorization.day == day else {
            throw .invalidScope("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'\(authorization.day)' != '\(day)', from '\(timestamp)'.")
        }
    }

    /// `signedAt` must lie within ``maxSkew`` of `now`, in AWS's words when it does not.
    private func checkSkew(signedAt: Date, now: Date) throws(SigV4VerificationError) {
        let minutes = Int(maxSkew / 60)
        if signedAt < now.addingTimeInterval(-maxSkew) {
            throw .signatureExpired("Signature expired: \(AMZDate(signedAt).timestamp) is now earlier than "
                + "\(AMZDate(now.addingTimeInterval(-maxSkew)).timestamp) (\(AMZDate(now).timestamp) - \(minutes) min.)")
        }
        if signedAt > now.addingTimeInterval(maxSkew) {
            throw .signatureExpired("Signature not yet current: \(AMZDate(signedAt).timestamp) is still later than "
                + "\(AMZDate(now.addingTimeInterval(maxSkew)).timestamp) (\(AMZDate(now).timestamp) + \(minutes) min.)")
        }
    }

    /// Whether two hex signatures are equal, taking the same time wherever they differ.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
