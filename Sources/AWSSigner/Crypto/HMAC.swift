import COpenSSL

/// HMAC-SHA256 through OpenSSL's one-shot `HMAC(EVP_sha256(), …)`.
public enum HMAC {
    /// Returns the 32-byte HMAC-SHA256 of `message` under `key`.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        let result = key.withNonNullBytes { keyBytes in
            message.withNonNullBytes { messageBytes in
                mac.withUnsafeMutableBufferPointer { output in
                    // Qualified: this enum shadows the C function of the same name.
                    COpenSSL.HMAC(
                        EVP_sha256(),
                        keyBytes.baseAddress, Int32(keyBytes.count),
                        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                        output.baseAddress, &length
                    )
                }
            }
        }
        // HMAC() returns NULL only when OpenSSL cannot allocate; nothing sensible is left to do.
        precondition(result != nil && length == UInt32(SHA256.byteCount), "HMAC(SHA-256) failed")
        return mac
    }

    /// Returns the 32-byte HMAC-SHA256 of the UTF-8 bytes of `message` under `key`.
    public static func sha256(key: [UInt8], message: String) -> [UInt8] {
        sha256(key: key, message: Array(message.utf8))
    }
}
