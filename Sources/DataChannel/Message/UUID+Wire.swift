import Foundation

extension UUID {
    /// The 16 MessageId bytes as sent: the UUID's bytes 8–15 first, then bytes 0–7 (the two
    /// "Java longs" swapped, as the Go peers write them).
    public var wireBytes: [UInt8] {
        let bytes = withUnsafeBytes(of: uuid) { Array($0) }
        return Array(bytes[8..<16] + bytes[0..<8])
    }

    /// Reads a MessageId from its 16 wire bytes (halves swapped back).
    public init(wireBytes: some Collection<UInt8>) {
        let wire = Array(wireBytes)
        precondition(wire.count == 16, "a MessageId is 16 bytes")
        let bytes = wire[8..<16] + wire[0..<8]
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
        self.init(uuid: value)
    }

    /// Lower-case hyphenated text, as MessageIds appear in acknowledgements.
    public var lowercasedString: String { uuidString.lowercased() }
}
