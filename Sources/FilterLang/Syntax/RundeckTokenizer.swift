/// Splits a filter into tokens exactly as Rundeck's `QuotedStringTokenizer` (`OptsUtil.burst`).
///
/// Delimiters are runs of characters at or below U+0020. A token is quoted only when its first
/// character is `'` or `"`; inside quotes everything is literal and a doubled quote is one
/// quote; there is no backslash escape. After the closing quote the token goes on to the next
/// delimiter, and only the opening quote character can open quoting again. An unterminated
/// quote runs to the end. Rundeck's quirk is kept too: input of two or more delimiters and
/// nothing else yields one empty token.
///
/// All delimiter and quote characters are ASCII, so the scan works on UTF-8 bytes and offsets
/// are UTF-8 offsets.
public enum RundeckTokenizer {
    /// The tokens of `filter`, each with the offsets of its bytes.
    public static func tokens(_ filter: String) -> [LocatedText] {
        let chars = Array(filter.utf8)
        var tokens: [LocatedText] = []
        var pos = 0
        while let next = readToken(chars, from: pos, into: &tokens) { pos = next }
        return tokens
    }

    /// The token strings only (`OptsUtil.burst`).
    public static func burst(_ filter: String) -> [String] { tokens(filter).map(\.text) }

    private static func isDelimiter(_ byte: UInt8) -> Bool { byte <= 0x20 }
    private static func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") }

    /// Rundeck's `consumeDelimiters`: stops one byte early at the very end of the input.
    private static func consumeDelimiters(_ chars: [UInt8], _ start: Int) -> Int {
        var start = start
        var delim = isDelimiter(chars[start])
        while delim && start < chars.count - 1 {
            start += 1
            delim = isDelimiter(chars[start])
        }
        return start
    }

    /// Reads one token starting at `pos`; returns where the next one starts, nil at the end.
    private static func readToken(_ chars: [UInt8], from pos: Int, into tokens: inout [LocatedText]) -> Int? {
        var pos = pos
        guard pos < chars.count else { return nil }
        if isDelimiter(chars[pos]) { pos += 1 }
        guard pos < chars.count else { return nil }
        if isDelimiter(chars[pos]) { pos = consumeDelimiters(chars, pos) }
        let quote: UInt8? = isQuote(chars[pos]) ? chars[pos] : nil
        let start = pos
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var quoting = quote != nil
        if quoting { pos += 1 }
        while pos < chars.count {
            let byte = chars[pos]
            if quoting {
                if byte == quote {
                    if pos + 1 < chars.count && chars[pos + 1] == quote {
                        bytes.append(byte)
                        offsets.append(pos)
                        pos += 2
                    } else {
                        quoting = false
                        pos += 1
                    }
                    continue
                }
            } else {
                if isDelimiter(byte) {
                    let end = pos
                    pos = consumeDelimiters(chars, pos)
                    tokens.append(located(bytes, offsets, end: end, start: start))
                    return pos
                }
                if let quote, byte == quote {
                    quoting = true
                    pos += 1
                    continue
                }
            }
            bytes.append(byte)
            offsets.append(pos)
            pos += 1
        }
        tokens.append(located(bytes, offsets, end: pos, start: start))
        return pos
    }

    private static func located(_ bytes: [UInt8], _ offsets: [Int], end: Int, start: Int) -> LocatedText {
        LocatedText(text: String(decoding: bytes, as: UTF8.self), offsets: (offsets.isEmpty ? [] : offsets) + [bytes.isEmpty ? start : end])
    }
}
