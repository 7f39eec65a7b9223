import Foundation

/// PayloadTypes 8 and 9: the KMS challenge, encrypted by the agent, re-encrypted by the client.
public struct EncryptionChallenge: Codable, Hashable, Sendable {
    /// Sealed bytes (nonce ‖ ciphertext ‖ tag), base64 in JSON.
    public var challenge: Data

    public init(challenge: [UInt8]) { self.challenge = Data(challenge) }

    enum CodingKeys: String, CodingKey {
        case challenge = "Challenge"
    }
}
