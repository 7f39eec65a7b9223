import COpenSSL

/// SHA-1 through OpenSSL, for names only (the SSO token cache is keyed by one), never for
/// security.
public enum SHA1 {
    /// Returns the SHA-1 digest of the UTF-8 bytes of `text` as 40 lower-case hex characters.
    public static func hexDigest(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let status = bytes.withNonNullBytes { data in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(data.baseAddress, data.count, output.baseAddress, &length, EVP_sha1(), nil)
            }
        }
        precondition(status == 1 && length == 20, "EVP_Digest(SHA-1) failed")
        return Hex.encode(digest)
    }
}
