extension JSONScanner {
    /// A scanned string: where its contents are and what decoding them needs.
    struct StringToken {
        /// The contents, without the quotes.
        var range: Range<Int>
        var hasEscapes: Bool
        var isASCII: Bool
    }

    private static var ones: UInt64 { 0x0101_0101_0101_0101 }
    private static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// Consumes a string at its opening quote, checking escapes and control characters.
    @inline(__always)
    mutating func scanString() throws(NodeFileError) -> StringToken {
        let start = index + 1
        var i = start
        var hasEscapes = false
        var high: UInt8 = 0
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control character
            // or non-ASCII (high bit set).
            while i + 8 <= end {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let quotes = word ^ 0x2222_2222_2222_2222
                let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((quotes &- Self.ones) & ~quotes | (backslashes &- Self.ones) & ~backslashes
                    | (word &- Self.ones &* 0x20) & ~word | word) & Self.highBits
                if special != 0 {
                    // Borrows only spill upwards, so the lowest flagged byte is a real one.
                    i += special.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < end else { throw error(.unexpectedEndOfInput, at: i) }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                i = try scanEscape(at: i)
                continue
            }
            if byte < 0x20 { throw error(.controlCharacterInString(byte), at: i) }
            high |= byte
            i += 1
        }
        index = i + 1
        return StringToken(range: start..<i, hasEscapes: hasEscapes, isASCII: high < 0x80)
    }

    /// Consumes a string without decoding it, still checking that it is valid UTF-8.
    mutating func skipString() throws(NodeFileError) {
        let token = try scanString()
        if !token.isASCII, let bad = UTF8Validation.firstInvalidOffset(in: bytes, token.range) {
            throw error(.invalidUTF8, at: bad)
        }
    }

    /// The decoded contents of a scanned string.
    func string(_ token: StringToken) throws(NodeFileError) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.range])
        if !token.hasEscapes {
            if token.isASCII { return String(decoding: raw, as: UTF8.self) }
            if let string = String(validating: raw, as: UTF8.self) { return string }
        } else if let string = String(validating: unescape(token.range), as: UTF8.self) {
            return string
        }
        let bad = UTF8Validation.firstInvalidOffset(in: bytes, token.range) ?? token.range.lowerBound
        throw error(.invalidUTF8, at: bad)
    }

    /// Checks the escape at `offset` (a backslash) and returns the offset after it.
    private func scanEscape(at offset: Int) throws(NodeFileError) -> Int {
        guard offset + 1 < end else { throw error(.unexpectedEndOfInput, at: end) }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return offset + 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: offset)
            switch unit {
            case 0xD800...0xDBFF:
                guard offset + 7 < end, bytes[offset + 6] == UInt8(ascii: "\\"), bytes[offset + 7] == UInt8(ascii: "u"),
                      (0xDC00...0xDFFF).contains(try hex4(at: offset + 6))
                else { throw error(.unpairedSurrogate, at: offset) }
                return offset + 12
            case 0xDC00...0xDFFF:
                throw error(.unpairedSurrogate, at: offset)
            default:
                return offset + 6
            }
        default:
            throw error(.invalidEscape(escapeText(at: offset, length: 2)), at: offset)
        }
    }

    /// The value of the four hex digits of the `\u` escape at `offset`.
    private func hex4(at offset: Int) throws(NodeFileError) -> UInt32 {
        var value: UInt32 = 0
        for k in 2..<6 {
            guard offset + k < end else { throw error(.unexpectedEndOfInput, at: end) }
            let byte = bytes[offset + k]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape(escapeText(at: offset, length: k + 1)), at: offset)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func escapeText(at offset: Int, length: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<min(offset + length, end)]), as: UTF8.self)
    }

    /// The bytes of a string with escapes, unescaped; the escapes were checked by the scan.
    private func unescape(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = (try? hex4(at: i - 2)) ?? 0xFFFD
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = (try? hex4(at: i)) ?? 0xDC00
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                    i += 6
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
            default: out.append(escaped)
            }
        }
        return out
    }
}
