import COpenSSL

/// SHA-256 through OpenSSL's one-shot `EVP_Digest`.
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// Returns the 32-byte SHA-256 digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let status = bytes.withNonNullBytes { data in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(data.baseAddress, data.count, output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest can only fail when OpenSSL cannot allocate; nothing sensible is left to do.
        precondition(status == 1 && length == UInt32(byteCount), "EVP_Digest(SHA-256) failed")
        return digest
    }

    /// Returns the SHA-256 digest of the UTF-8 bytes of `text`.
    public static func digest(_ text: String) -> [UInt8] {
        digest(Array(text.utf8))
    }

    /// Returns the SHA-256 digest of `bytes` as 64 lower-case hex characters.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        Hex.encode(digest(bytes))
    }

    /// Returns the SHA-256 digest of the UTF-8 bytes of `text` as 64 lower-case hex characters.
    public static func hexDigest(_ text: String) -> String {
        Hex.encode(digest(text))
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with the array's bytes, never with a nil base address (OpenSSL wants a
    /// pointer even for zero bytes, and an empty array may have no storage).
    func withNonNullBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if isEmpty {
            let placeholder: [UInt8] = [0]
            return placeholder.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
        }
        return withUnsafeBytes(body)
    }
}
