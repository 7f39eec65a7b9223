/// The filter text as UTF-8 bytes with a read position; the position is the UTF-8 offset
/// used in every error range.
struct Source {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position >= bytes.count }

    func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    /// Whether the input at the position starts with `text`.
    func starts(with text: String) -> Bool {
        let needle = Array(text.utf8)
        return position + needle.count <= bytes.count && Array(bytes[position..<(position + needle.count)]) == needle
    }

    /// Consumes `text` if the input starts with it.
    mutating func tryEat(_ text: String) -> Bool {
        guard starts(with: text) else { return false }
        position += text.utf8.count
        return true
    }

    mutating func advance(_ count: Int = 1) { position = min(position + count, bytes.count) }

    /// Moves back to an earlier position.
    mutating func rewind(to offset: Int) { position = offset }

    /// Reads the next `count` bytes as a located value.
    mutating func read(count: Int) -> LocatedText {
        var remaining = count
        return read { _ in
            remaining -= 1
            return remaining >= 0
        }
    }

    /// Skips whitespace and control characters (everything at or below U+0020, as Rundeck).
    mutating func skipWhitespace() {
        while let byte = peek(), byte <= 0x20 { position += 1 }
    }

    /// Whether the byte at `ahead` ends a word: the end, whitespace or a parenthesis.
    func isBoundary(_ ahead: Int = 0) -> Bool {
        guard let byte = peek(ahead) else { return true }
        return byte <= 0x20 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
    }

    /// Consumes a keyword (`and`, `or`, `not`, any case) followed by a boundary.
    mutating func tryEatKeyword(_ keyword: String) -> Bool {
        let count = keyword.utf8.count
        guard position + count <= bytes.count,
              String(decoding: bytes[position..<(position + count)], as: UTF8.self).lowercased() == keyword,
              isBoundary(count) else { return false }
        position += count
        return true
    }

    /// Reads a quoted string starting at the quote: doubled quotes are one quote, no backslash
    /// escapes (as in Rundeck filters). Nil when the closing quote is missing.
    mutating func readQuoted() -> LocatedText? {
        let quote = bytes[position]
        var text: [UInt8] = []
        var offsets: [Int] = []
        var index = position + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    text.append(quote)
                    offsets.append(index)
                    index += 2
                    continue
                }
                position = index + 1
                return LocatedText(text: String(decoding: text, as: UTF8.self), offsets: offsets + [index])
            }
            text.append(bytes[index])
            offsets.append(index)
            index += 1
        }
        return nil
    }

    /// Reads bytes while `accept(byte)` holds, as a located value.
    mutating func read(while accept: (UInt8) -> Bool) -> LocatedText {
        let start = position
        while let byte = peek(), accept(byte) { position += 1 }
        return LocatedText(text: String(decoding: bytes[start..<position], as: UTF8.self), offsets: Array(start...position))
    }
}
