/// The AES-256-GCM encryption of a KMS-encrypted session: one key per direction, both halves
/// of the 64-byte KMS data key.
///
/// The client decrypts with bytes 0–31 and encrypts with 32–63; the agent the other way round.
/// Only PayloadType 1 travels encrypted from the client; from the agent, 1, 11 and 12.
public struct SessionCipher: Sendable {
    /// Length of the KMS data key (GenerateDataKey NumberOfBytes).
    public static let dataKeyLength = 64

    public let encryptionKey: [UInt8]
    public let decryptionKey: [UInt8]

    public init(encryptionKey: [UInt8], decryptionKey: [UInt8]) throws(DataChannelError) {
        guard encryptionKey.count == AESGCM.keyLength else { throw .invalidKeyLength(encryptionKey.count) }
        guard decryptionKey.count == AESGCM.keyLength else { throw .invalidKeyLength(decryptionKey.count) }
        self.encryptionKey = encryptionKey
        self.decryptionKey = decryptionKey
    }

    /// The client's cipher: decrypts with `dataKey[0..<32]`, encrypts with `dataKey[32..<64]`.
    public static func client(dataKey: [UInt8]) throws(DataChannelError) -> SessionCipher {
        guard dataKey.count == dataKeyLength else { throw .invalidKeyLength(dataKey.count) }
        return try SessionCipher(encryptionKey: Array(dataKey[32..<64]), decryptionKey: Array(dataKey[0..<32]))
    }

    /// The agent's cipher: encrypts with `dataKey[0..<32]`, decrypts with `dataKey[32..<64]`.
    public static func agent(dataKey: [UInt8]) throws(DataChannelError) -> SessionCipher {
        guard dataKey.count == dataKeyLength else { throw .invalidKeyLength(dataKey.count) }
        return try SessionCipher(encryptionKey: Array(dataKey[0..<32]), decryptionKey: Array(dataKey[32..<64]))
    }

    /// nonce ‖ ciphertext ‖ tag, with a random nonce.
    public func encrypt(_ plaintext: [UInt8]) -> [UInt8] {
        encrypt(plaintext, nonce: AESGCM.randomBytes(AESGCM.nonceLength))
    }

    /// nonce ‖ ciphertext ‖ tag, with the given 12-byte nonce (for reproducible tests).
    public func encrypt(_ plaintext: [UInt8], nonce: [UInt8]) -> [UInt8] {
        // The key length was checked at init, the only way seal can throw.
        try! AESGCM.seal(plaintext, key: encryptionKey, nonce: nonce)
    }

    /// The plaintext of a sealed payload, or ``DataChannelError/decryptionFailed``.
    public func decrypt(_ sealed: [UInt8]) throws(DataChannelError) -> [UInt8] {
        try AESGCM.open(sealed, key: decryptionKey)
    }
}
