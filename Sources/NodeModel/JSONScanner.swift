/// A strict JSON scanner over UTF-8 bytes (RFC 8259), with file positions for every error.
///
/// It does not build a tree: callers walk objects and arrays with ``beginObject()``,
/// ``nextMember()``, ``beginArray()``, ``nextElement()``, read the scalars they want and
/// ``skipValue(depth:)`` the rest. `bytes` is always the whole file, so offsets and
/// positions are file offsets even when only a range is scanned.
struct JSONScanner {
    /// Objects and arrays may nest this deep; deeper is an error, not a stack overflow.
    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let file: String
    /// The offset of the next byte to read.
    var index: Int
    /// Attribute keys already made, for entries that keep every attribute.
    var keyCache = KeyCache()

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, file: String) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
        self.file = file
    }

    func error(_ kind: NodeFileError.Kind, at offset: Int) -> NodeFileError {
        NodeFileError(file: file, position: .init(offset: offset, in: bytes), kind: kind)
    }

    func unexpected(_ expected: String) -> NodeFileError {
        error(index < end ? .unexpectedCharacter(expected: expected) : .unexpectedEndOfInput, at: index)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    @inline(__always)
    mutating func peek() throws(NodeFileError) -> UInt8 {
        skipWhitespace()
        guard index < end else { throw error(.unexpectedEndOfInput, at: index) }
        return bytes[index]
    }

    /// Consumes `byte` after optional whitespace.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expected: String) throws(NodeFileError) {
        guard try peek() == byte else { throw unexpected(expected) }
        index += 1
    }

    // MARK: Containers

    /// Consumes `{` and returns whether a member follows (then the scanner is at its key).
    mutating func beginObject() throws(NodeFileError) -> Bool {
        index += 1
        switch try peek() {
        case UInt8(ascii: "}"): index += 1; return false
        case UInt8(ascii: "\""): return true
        default: throw unexpected("a string key or '}'")
        }
    }

    /// After a member's value: returns whether another member follows (then at its key).
    mutating func nextMember() throws(NodeFileError) -> Bool {
        switch try peek() {
        case UInt8(ascii: ","):
            index += 1
            guard try peek() == UInt8(ascii: "\"") else { throw unexpected("a string key after ','") }
            return true
        case UInt8(ascii: "}"):
            index += 1
            return false
        default:
            throw unexpected("',' or '}' after a value")
        }
    }

    /// Consumes the `:` after a key and the whitespace after it.
    @inline(__always)
    mutating func colon() throws(NodeFileError) {
        try expect(UInt8(ascii: ":"), "':' after a key")
        skipWhitespace()
    }

    /// Consumes `[` and returns whether an element follows (then the scanner is at it).
    mutating func beginArray() throws(NodeFileError) -> Bool {
        index += 1
        guard try peek() == UInt8(ascii: "]") else { return true }
        index += 1
        return false
    }

    /// After an element: returns whether another element follows (then at it).
    mutating func nextElement() throws(NodeFileError) -> Bool {
        switch try peek() {
        case UInt8(ascii: ","):
            index += 1
            guard try peek() != UInt8(ascii: "]") else { throw unexpected("a value after ','") }
            return true
        case UInt8(ascii: "]"):
            index += 1
            return false
        default:
            throw unexpected("',' or ']' after a value")
        }
    }

    // MARK: Scalars

    /// Consumes `true`, `false` or `null`; returns the text of a boolean, nil for null.
    mutating func scanLiteral() throws(NodeFileError) -> String? {
        let (word, value): (StaticString, String?) = switch bytes[index] {
        case UInt8(ascii: "t"): ("true", "true")
        case UInt8(ascii: "f"): ("false", "false")
        default: ("null", nil)
        }
        for k in 0..<word.utf8CodeUnitCount {
            guard index + k < end else { throw error(.unexpectedEndOfInput, at: end) }
            guard bytes[index + k] == word.utf8Start[k] else {
                throw error(.unexpectedCharacter(expected: "a value"), at: index)
            }
        }
        index += word.utf8CodeUnitCount
        return value
    }

    /// Consumes a number and returns its byte range.
    mutating func scanNumber() throws(NodeFileError) -> Range<Int> {
        let start = index
        var i = index
        func isDigit(_ i: Int) -> Bool { i < end && bytes[i] &- UInt8(ascii: "0") < 10 }
        func requireDigit(_ i: Int) throws(NodeFileError) {
            guard i < end else { throw error(.unexpectedEndOfInput, at: i) }
            guard isDigit(i) else { throw error(.invalidNumber, at: start) }
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        try requireDigit(i)
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { throw error(.invalidNumber, at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            try requireDigit(i)
            while isDigit(i) { i += 1 }
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            try requireDigit(i)
            while isDigit(i) { i += 1 }
        }
        index = i
        return start..<i
    }

    /// The text of a scanned number, as written.
    func text(of range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Skips one value of any kind, checking its syntax; `depth` is the nesting depth of
    /// the container holding it.
    mutating func skipValue(depth: Int) throws(NodeFileError) {
        switch try peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
            guard try beginObject() else { return }
            repeat {
                try skipString()
                try colon()
                try skipValue(depth: depth + 1)
            } while try nextMember()
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
            guard try beginArray() else { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while try nextElement()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            _ = try scanLiteral()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        default:
            throw unexpected("a value")
        }
    }
}
