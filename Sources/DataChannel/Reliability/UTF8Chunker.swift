/// Cuts a byte stream into payloads of at most `maximum` bytes without splitting a UTF-8
/// character, as the agent does with pty output (1024-byte payloads).
///
/// An incomplete character at the end of what has arrived is held until more bytes come (or
/// ``finish()``). Bytes that are not UTF-8 are cut at the size limit.
public struct UTF8Chunker: Sendable {
    public let maximum: Int
    private var pending: [UInt8] = []

    public init(maximum: Int = 1024) {
        precondition(maximum >= 4, "a chunk must hold a whole character")
        self.maximum = maximum
    }

    /// Bytes held back as the start of an incomplete character.
    public var heldBytes: Int { pending.count }

    /// Adds `bytes`; returns the payloads that are ready.
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        pending.append(contentsOf: bytes)
        let end = Self.completeEnd(pending)
        let chunks = split(pending[0..<end])
        pending.removeFirst(end)
        return chunks
    }

    /// Returns whatever is left, complete or not.
    public mutating func finish() -> [[UInt8]] {
        defer { pending = [] }
        return split(pending[...])
    }

    private func split(_ bytes: ArraySlice<UInt8>) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            var end = min(start + maximum, bytes.endIndex)
            if end < bytes.endIndex {
                var cut = end
                while cut > end - 3, Self.isContinuation(bytes[cut]) { cut -= 1 }
                if !Self.isContinuation(bytes[cut]), cut > start { end = cut }
            }
            chunks.append(Array(bytes[start..<end]))
            start = end
        }
        return chunks
    }

    /// The length of the prefix of `bytes` that does not end inside a character.
    static func completeEnd(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        var continuations = 0
        while index > 0, continuations < 3, isContinuation(bytes[index - 1]) {
            index -= 1
            continuations += 1
        }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let length = switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
        return length > continuations + 1 ? index - 1 : bytes.count
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
