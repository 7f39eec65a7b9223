import AWSSigner
import Foundation

extension ClientMessage {
    /// Reads and validates one frame.
    ///
    /// The rules of the Go peers, a little stricter: the frame holds the whole 120-byte header;
    /// HeaderLength is 116; MessageType is printable ASCII padded with spaces or NULs and not
    /// empty; SchemaVersion is 1; CreatedDate is not 0; when PayloadLength is not 0 the payload's
    /// SHA-256 equals PayloadDigest. `start_publication` and `pause_publication` are exempt from
    /// every check but the first. The payload is the rest of the frame (PayloadLength is not
    /// used to slice, as in both Go peers).
    public init(decoding frame: [UInt8]) throws(DataChannelError) {
        guard frame.count >= Self.headerSize else { throw .truncatedFrame(length: frame.count) }
        let headerLength: UInt32 = frame.readBigEndian(at: 0)
        let type = try Self.messageType(frame[4..<36])
        let exempt = type == .startPublication || type == .pausePublication
        let schemaVersion: UInt32 = frame.readBigEndian(at: 36)
        let createdDate: UInt64 = frame.readBigEndian(at: 40)
        let payloadLength: UInt32 = frame.readBigEndian(at: 116)
        let payload = Array(frame[Self.headerSize...])
        let digest = Array(frame[80..<112])
        if !exempt {
            guard headerLength == Self.headerLength else { throw .invalidHeaderLength(headerLength) }
            guard schemaVersion == 1 else { throw .unsupportedSchemaVersion(schemaVersion) }
            guard createdDate != 0 else { throw .missingCreatedDate }
            if payloadLength != 0, SHA256.digest(payload) != digest { throw .digestMismatch }
        }
        self.messageType = type
        self.schemaVersion = schemaVersion
        self.createdDate = createdDate
        self.sequenceNumber = Int64(bitPattern: frame.readBigEndian(at: 48))
        self.flags = MessageFlags(rawValue: frame.readBigEndian(at: 56))
        self.messageId = UUID(wireBytes: frame[64..<80])
        self.payloadDigest = digest
        self.payloadType = PayloadType(rawValue: frame.readBigEndian(at: 112))
        self.payload = payload
    }

    /// The MessageType field without its trailing spaces or NULs (in any mix).
    private static func messageType(_ field: ArraySlice<UInt8>) throws(DataChannelError) -> MessageType {
        var end = field.endIndex
        while end > field.startIndex, field[end - 1] == 0x20 || field[end - 1] == 0 { end -= 1 }
        let text = field[field.startIndex..<end]
        guard !text.isEmpty else { throw .emptyMessageType }
        guard let type = MessageType(rawValue: String(decoding: text, as: UTF8.self)),
              text.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidMessageType }
        return type
    }
}

extension Array where Element == UInt8 {
    func readBigEndian<T: FixedWidthInteger>(at offset: Int) -> T {
        var value: T = 0
        for byte in self[offset..<offset + MemoryLayout<T>.size] { value = value << 8 | T(byte) }
        return value
    }
}
