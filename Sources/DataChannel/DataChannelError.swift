/// Why a data-channel frame or payload was rejected.
public enum DataChannelError: Error, Hashable, Sendable {
    /// The frame is shorter than the 120-byte header.
    case truncatedFrame(length: Int)
    /// HeaderLength is not 116 (the header size without the PayloadLength field).
    case invalidHeaderLength(UInt32)
    /// MessageType is empty once its space or NUL padding is removed.
    case emptyMessageType
    /// MessageType holds something other than printable ASCII followed by padding.
    case invalidMessageType
    /// SchemaVersion is not 1, the only layout there is.
    case unsupportedSchemaVersion(UInt32)
    /// CreatedDate is 0.
    case missingCreatedDate
    /// PayloadDigest is not the SHA-256 of the payload.
    case digestMismatch
    /// An AES-GCM key is not 32 bytes, or a data key not 64.
    case invalidKeyLength(Int)
    /// An encrypted payload is too short or fails authentication.
    case decryptionFailed
    /// A JSON payload is not what its payload type says it is.
    case invalidPayload(String)
}

extension DataChannelError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncatedFrame(let length): "frame of \(length) bytes is shorter than the 120-byte header"
        case .invalidHeaderLength(let value): "header length \(value), expected 116"
        case .emptyMessageType: "empty message type"
        case .invalidMessageType: "message type is not padded ASCII"
        case .unsupportedSchemaVersion(let value): "schema version \(value), expected 1"
        case .missingCreatedDate: "created date is 0"
        case .digestMismatch: "payload digest does not match the payload"
        case .invalidKeyLength(let length): "key of \(length) bytes"
        case .decryptionFailed: "payload fails decryption"
        case .invalidPayload(let detail): "invalid payload: \(detail)"
        }
    }
}
