extension SigV4Signer {
    /// What goes on the last line of the canonical request (and in `X-Amz-Content-SHA256`
    /// when that header is added).
    public enum PayloadHash: Sendable, Hashable {
        /// The hex SHA-256 of the request body; the default, and what ECS expects.
        case sha256OfBody
        /// The literal `UNSIGNED-PAYLOAD`, which S3 accepts over HTTPS.
        case unsigned
        /// A hex SHA-256 computed elsewhere, for a body that is not in the request.
        case precomputed(String)

        /// The value to sign for a request whose body is `body`.
        func value(for body: [UInt8]) -> String {
            switch self {
            case .sha256OfBody: SHA256.hexDigest(body)
            case .unsigned: "UNSIGNED-PAYLOAD"
            case .precomputed(let hash): hash
            }
        }
    }
}
