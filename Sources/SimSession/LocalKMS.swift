import DataChannel
import Foundation
import Synchronization

/// The KMS of ecs-sim: just enough of `TrentService` (JSON 1.1) for the Session Manager
/// handshake, GenerateDataKey and Decrypt.
///
/// A CiphertextBlob is the data key, the key id and the encryption context sealed with
/// AES-256-GCM under a master key that never leaves this process; only this KMS can open it,
/// and only with the same key id and the same encryption context.
final class LocalKMS: Sendable {
    private let masterKey = AESGCM.randomBytes(AESGCM.keyLength)
    /// Known keys: normalized id → the id as registered (returned as KeyId).
    private let keys = Mutex<[String: String]>([:])
    private static let blobMagic = Array("SIMKMS1".utf8)

    /// Makes `keyId` (a key id, key ARN, alias name or alias ARN) usable.
    func register(keyId: String) {
        keys.withLock { $0[Self.normalize(keyId)] = keyId }
    }

    /// Answers one JSON 1.1 call: `action` with or without the `TrentService.` prefix.
    func handle(action: String, body: [UInt8]) -> (status: Int, body: [UInt8]) {
        let name = action.hasPrefix("TrentService.") ? String(action.dropFirst("TrentService.".count)) : action
        do {
            switch name {
            case "GenerateDataKey": return (200, try generateDataKey(body))
            case "Decrypt": return (200, try decrypt(body))
            default:
                return Self.error(400, "UnknownOperationException", "\(name) is not supported by ecs-sim")
            }
        } catch {
            switch error {
            case .kmsKeyNotFound: return Self.error(400, "NotFoundException", error.description)
            case .kmsInvalidCiphertext: return Self.error(400, "InvalidCiphertextException", error.description)
            default: return Self.error(400, "ValidationException", error.description)
            }
        }
    }

    /// Opens a CiphertextBlob made by GenerateDataKey, as the agent's KMS Decrypt does.
    func decryptDataKey(_ blob: [UInt8], keyId: String, context: [String: String]) throws(SimSessionError) -> [UInt8] {
        let sealed = try open(blob)
        guard sealed.keyId == Self.normalize(keyId), sealed.context == context,
              let plaintext = Data(base64Encoded: sealed.plaintext) else { throw .kmsInvalidCiphertext }
        return Array(plaintext)
    }

    // MARK: - Actions

    private struct GenerateDataKeyRequest: Decodable {
        var KeyId: String?
        var NumberOfBytes: Int?
        var KeySpec: String?
        var EncryptionContext: [String: String]?
    }

    private struct DecryptRequest: Decodable {
        var CiphertextBlob: Data?
        var KeyId: String?
        var EncryptionContext: [String: String]?
    }

    /// What a CiphertextBlob seals.
    private struct SealedKey: Codable {
        var keyId: String
        var context: [String: String]
        var plaintext: String
    }

    private func generateDataKey(_ body: [UInt8]) throws(SimSessionError) -> [UInt8] {
        guard let request = try? JSONDecoder().decode(GenerateDataKeyRequest.self, from: Data(body)) else {
            throw .kmsValidation("the request body is not a GenerateDataKey request")
        }
        guard let keyId = request.KeyId, !keyId.isEmpty else { throw .kmsValidation("KeyId is required") }
        let count: Int
        switch (request.NumberOfBytes, request.KeySpec) {
        case (let bytes?, nil) where (1...1024).contains(bytes): count = bytes
        case (nil, "AES_256"?): count = 32
        case (nil, "AES_128"?): count = 16
        default: throw .kmsValidation("exactly one of NumberOfBytes (1-1024) and KeySpec is required")
        }
        guard let registered = keys.withLock({ $0[Self.normalize(keyId)] }) else { throw .kmsKeyNotFound(keyId) }
        let plaintext = AESGCM.randomBytes(count)
        let sealed = SealedKey(keyId: Self.normalize(keyId), context: request.EncryptionContext ?? [:],
                               plaintext: Data(plaintext).base64EncodedString())
        let blob = try! AESGCM.seal(PayloadJSON.encode(sealed), key: masterKey,
                                    nonce: AESGCM.randomBytes(AESGCM.nonceLength), additionalData: Self.blobMagic)
        return PayloadJSON.encode([
            "CiphertextBlob": Data(Self.blobMagic + blob).base64EncodedString(),
            "Plaintext": Data(plaintext).base64EncodedString(),
            "KeyId": registered,
        ])
    }

    private func decrypt(_ body: [UInt8]) throws(SimSessionError) -> [UInt8] {
        guard let request = try? JSONDecoder().decode(DecryptRequest.self, from: Data(body)),
              let blob = request.CiphertextBlob else { throw .kmsValidation("CiphertextBlob is required") }
        let sealed = try open(Array(blob))
        guard let registered = keys.withLock({ $0[sealed.keyId] }) else { throw .kmsKeyNotFound(sealed.keyId) }
        if let keyId = request.KeyId, Self.normalize(keyId) != sealed.keyId { throw .kmsInvalidCiphertext }
        guard sealed.context == request.EncryptionContext ?? [:] else { throw .kmsInvalidCiphertext }
        return PayloadJSON.encode(["KeyId": registered, "Plaintext": sealed.plaintext, "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"])
    }

    private func open(_ blob: [UInt8]) throws(SimSessionError) -> SealedKey {
        guard blob.starts(with: Self.blobMagic),
              let json = try? AESGCM.open(Array(blob.dropFirst(Self.blobMagic.count)), key: masterKey,
                                          additionalData: Self.blobMagic),
              let sealed = try? JSONDecoder().decode(SealedKey.self, from: Data(json)) else {
            throw .kmsInvalidCiphertext
        }
        return sealed
    }

    /// `arn:aws:kms:…:key/ID` → `ID`, `arn:aws:kms:…:alias/NAME` → `alias/NAME`, else as is.
    static func normalize(_ keyId: String) -> String {
        guard keyId.hasPrefix("arn:"), let resource = keyId.split(separator: ":", maxSplits: 5).last else { return keyId }
        return resource.hasPrefix("key/") ? String(resource.dropFirst(4)) : String(resource)
    }

    private static func error(_ status: Int, _ type: String, _ message: String) -> (status: Int, body: [UInt8]) {
        (status, PayloadJSON.encode(["__type": type, "message": message]))
    }
}
