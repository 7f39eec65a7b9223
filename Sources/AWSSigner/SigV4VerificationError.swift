/// Why ``SigV4Verifier`` refused a request, with the code, status and wording AWS's JSON
/// services answer with.
public enum SigV4VerificationError: Error, Hashable, Sendable {
    /// The request has no `Authorization` header.
    case missingAuthentication
    /// The `Authorization` header (or the date it needs) is malformed or incomplete; the text
    /// says which part.
    case incompleteSignature(String)
    /// The access key id is unknown, or the session token does not belong to it.
    case unrecognizedClient
    /// The credential scope names another region, service or day than the request's.
    case invalidScope(String)
    /// `X-Amz-Date` is more than the allowed skew before or after the verifier's clock; the
    /// text gives both times as AWS does.
    case signatureExpired(String)
    /// The signature is not the one the key's secret gives for this request.
    case signatureMismatch
    /// The request is signed correctly with temporary credentials that have expired.
    case expiredToken
}

extension SigV4VerificationError {
    /// The error code AWS sends in `__type`.
    public var code: String {
        switch self {
        case .missingAuthentication: "MissingAuthenticationTokenException"
        case .incompleteSignature: "IncompleteSignatureException"
        case .unrecognizedClient: "UnrecognizedClientException"
        case .invalidScope, .signatureExpired, .signatureMismatch: "InvalidSignatureException"
        case .expiredToken: "ExpiredTokenException"
        }
    }

    /// The HTTP status: 400 for all of them, as AWS's JSON-protocol services answer.
    public var status: Int { 400 }

    /// AWS's message.
    public var message: String {
        switch self {
        case .missingAuthentication: "Missing Authentication Token"
        case .incompleteSignature(let text), .invalidScope(let text), .signatureExpired(let text): text
        case .unrecognizedClient: "The security token included in the request is invalid."
        case .expiredToken: "The security token included in the request is expired"
        case .signatureMismatch:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details."
        }
    }
}

extension SigV4VerificationError: CustomStringConvertible {
    public var description: String { "\(code): \(message)" }
}
