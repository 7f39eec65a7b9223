import AWSSigner
import Foundation

/// One message of the SSM Session Manager data channel: a 120-byte big-endian header and a
/// payload, one per WebSocket binary frame.
///
/// | offset | size | field |
/// |---:|---:|---|
/// | 0 | 4 | HeaderLength (116) |
/// | 4 | 32 | MessageType, space-padded |
/// | 36 | 4 | SchemaVersion (1) |
/// | 40 | 8 | CreatedDate, Unix epoch milliseconds |
/// | 48 | 8 | SequenceNumber |
/// | 56 | 8 | Flags |
/// | 64 | 16 | MessageId, halves swapped |
/// | 80 | 32 | PayloadDigest, SHA-256 of the payload |
/// | 112 | 4 | PayloadType |
/// | 116 | 4 | PayloadLength |
/// | 120 | n | Payload |
public struct ClientMessage: Sendable, Equatable {
    /// The HeaderLength value every message carries.
    public static let headerLength: UInt32 = 116
    /// Bytes before the payload (HeaderLength plus the PayloadLength field).
    public static let headerSize = 120
    /// Width of the MessageType field.
    public static let messageTypeSize = 32

    public var messageType: MessageType
    public var schemaVersion: UInt32
    /// Unix epoch milliseconds; never 0.
    public var createdDate: UInt64
    public var sequenceNumber: Int64
    public var flags: MessageFlags
    public var messageId: UUID
    public var payloadType: PayloadType
    /// The payload as sent (encrypted, if the session is).
    public var payload: [UInt8]
    /// SHA-256 of `payload`: computed when a message is made, read from the header when decoded.
    public var payloadDigest: [UInt8]

    /// A message whose digest is computed from `payload`; `createdDate` is Unix epoch milliseconds.
    public init(messageType: MessageType, sequenceNumber: Int64 = 0, flags: MessageFlags = [],
                messageId: UUID, createdDate: UInt64, payloadType: PayloadType = .unset,
                payload: [UInt8] = [], schemaVersion: UInt32 = 1) {
        self.messageType = messageType
        self.schemaVersion = schemaVersion
        self.createdDate = createdDate
        self.sequenceNumber = sequenceNumber
        self.flags = flags
        self.messageId = messageId
        self.payloadType = payloadType
        self.payload = payload
        self.payloadDigest = SHA256.digest(payload)
    }

    /// Unix epoch milliseconds of `date`, the CreatedDate unit.
    public static func milliseconds(_ date: Date) -> UInt64 {
        UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The frame: exactly 120 + payload.count bytes.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerSize + payload.count)
        bytes.appendBigEndian(Self.headerLength)
        let typeBytes = Array(messageType.rawValue.utf8)
        bytes += typeBytes
        bytes += repeatElement(0x20, count: Self.messageTypeSize - typeBytes.count)
        bytes.appendBigEndian(schemaVersion)
        bytes.appendBigEndian(createdDate)
        bytes.appendBigEndian(UInt64(bitPattern: sequenceNumber))
        bytes.appendBigEndian(flags.rawValue)
        bytes += messageId.wireBytes
        bytes += payloadDigest
        bytes.appendBigEndian(payloadType.rawValue)
        bytes.appendBigEndian(UInt32(payload.count))
        bytes += payload
        return bytes
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
