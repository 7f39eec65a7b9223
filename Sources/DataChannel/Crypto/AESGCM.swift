import COpenSSL

/// AES-256-GCM through OpenSSL's EVP interface: sealed = nonce(12) ‖ ciphertext ‖ tag(16).
public enum AESGCM {
    public static let keyLength = 32
    public static let nonceLength = 12
    public static let tagLength = 16

    /// Encrypts `plaintext` under `key` with `nonce` (12 bytes) and optional additional data.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8],
                            additionalData: [UInt8] = []) throws(DataChannelError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKeyLength(key.count) }
        precondition(nonce.count == nonceLength, "AES-GCM nonces are 12 bytes here")
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var length: Int32 = 0, total = 0
        var ok = EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceLength), nil) == 1
        ok = ok && EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1
        if ok, !additionalData.isEmpty {
            ok = EVP_EncryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1
        }
        if ok, !plaintext.isEmpty {
            ok = EVP_EncryptUpdate(context, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1
            total = Int(length)
        }
        ok = ok && ciphertext.withUnsafeMutableBufferPointer {
            EVP_EncryptFinal_ex(context, $0.baseAddress! + total, &length) == 1
        }
        total += Int(length)
        ok = ok && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), &tag) == 1
        // Encryption fails only when OpenSSL cannot allocate; nothing sensible is left to do.
        precondition(ok, "AES-256-GCM encryption failed")
        return nonce + ciphertext[0..<total] + tag
    }

    /// Decrypts and authenticates `sealed`, or throws ``DataChannelError/decryptionFailed``.
    public static func open(_ sealed: [UInt8], key: [UInt8],
                            additionalData: [UInt8] = []) throws(DataChannelError) -> [UInt8] {
        guard key.count == keyLength else { throw .invalidKeyLength(key.count) }
        guard sealed.count >= nonceLength + tagLength else { throw .decryptionFailed }
        let nonce = Array(sealed[0..<nonceLength])
        let ciphertext = Array(sealed[nonceLength..<(sealed.count - tagLength)])
        var tag = Array(sealed[(sealed.count - tagLength)...])
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0, total = 0
        var ok = EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceLength), nil) == 1
        ok = ok && EVP_DecryptInit_ex(context, nil, nil, key, nonce) == 1
        if ok, !additionalData.isEmpty {
            ok = EVP_DecryptUpdate(context, nil, &length, additionalData, Int32(additionalData.count)) == 1
        }
        if ok, !ciphertext.isEmpty {
            ok = EVP_DecryptUpdate(context, &plaintext, &length, ciphertext, Int32(ciphertext.count)) == 1
            total = Int(length)
        }
        ok = ok && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1
        ok = ok && plaintext.withUnsafeMutableBufferPointer {
            EVP_DecryptFinal_ex(context, $0.baseAddress! + total, &length) == 1
        }
        guard ok else { throw .decryptionFailed }
        total += Int(length)
        return Array(plaintext[0..<total])
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        let status = RAND_bytes(&bytes, Int32(count))
        precondition(status == 1, "RAND_bytes failed")
        return bytes
    }
}
