/// A forward-only reader of JSON text, for decoding large API answers straight into models
/// without building a document tree or going through `Codable`'s keyed containers.
///
/// Values are read in document order: `readObject` hands each key to a closure that must
/// read (or ``skipValue()``) its value. Readers of optional fields take `null` as nil and
/// skip a value of another type rather than fail, as a lenient client should.
public struct JSONReader {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads an object, calling `member` with each key; `member` must consume the value.
    public mutating func readObject(_ member: (inout JSONReader, String) throws(JSONReaderError) -> Void) throws(JSONReaderError) {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw .unexpected(offset: offset - 1, expected: "',' or '}'")
            }
        }
    }

    /// Reads an array, calling `element` for each element; `element` must consume it.
    public mutating func readArray(_ element: (inout JSONReader) throws(JSONReaderError) -> Void) throws(JSONReaderError) {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            try element(&self)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw .unexpected(offset: offset - 1, expected: "',' or ']'")
            }
        }
    }

    /// An array of `Element`s read by `element`, nil for `null` or a value of another type.
    public mutating func readArrayIfPresent<Element>(_ element: (inout JSONReader) throws(JSONReaderError) -> Element) throws(JSONReaderError) -> [Element]? {
        guard try peek() == UInt8(ascii: "[") else {
            try skipValue()
            return nil
        }
        var elements: [Element] = []
        try readArray { reader throws(JSONReaderError) in elements.append(try element(&reader)) }
        return elements
    }

    /// A string, nil for `null` or another type.
    public mutating func readStringIfPresent() throws(JSONReaderError) -> String? {
        guard try peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try readString()
    }

    /// A string, or a number as its text (`256`, `0.5`); nil for `null` or another type.
    public mutating func readTextIfPresent() throws(JSONReaderError) -> String? {
        let first = try peek()
        if first == UInt8(ascii: "\"") { return try readString() }
        if first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return try numberText() }
        try skipValue()
        return nil
    }

    /// A number, nil for `null` or another type.
    public mutating func readDoubleIfPresent() throws(JSONReaderError) -> Double? {
        let first = try peek()
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            try skipValue()
            return nil
        }
        let text = try numberText()
        guard let value = Double(text) else { throw .unexpected(offset: offset - text.utf8.count, expected: "a number") }
        return value
    }

    /// An integer (a number without fraction, or a string holding one), nil otherwise.
    public mutating func readIntIfPresent() throws(JSONReaderError) -> Int? {
        try readTextIfPresent().flatMap { Int($0) }
    }

    /// `true` or `false`, nil for `null` or another type.
    public mutating func readBoolIfPresent() throws(JSONReaderError) -> Bool? {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            try skipValue()
            return nil
        }
    }

    /// Reads and discards one value of any type.
    public mutating func skipValue() throws(JSONReaderError) {
        switch try peek() {
        case UInt8(ascii: "{"): try readObject { reader, _ throws(JSONReaderError) in try reader.skipValue() }
        case UInt8(ascii: "["): try readArray { reader throws(JSONReaderError) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
    }

    /// Checks that only whitespace follows.
    public mutating func finish() throws(JSONReaderError) {
        skipWhitespace()
        guard offset == bytes.count else { throw .unexpected(offset: offset, expected: "the end of the text") }
    }

    // MARK: Scanning

    /// Reads a string (the next value must be one), unescaping it.
    public mutating func readString() throws(JSONReaderError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = offset
        // The common case: no escapes, straight from the bytes.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                defer { offset += 1 }
                return String(decoding: bytes[start..<offset], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw .unexpected(offset: offset, expected: "a character (control characters must be escaped)") }
            offset += 1
        }
        var unescaped = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: unescaped, as: UTF8.self)
            case UInt8(ascii: "\\"): try unescape(into: &unescaped)
            case ..<0x20: throw .unexpected(offset: offset - 1, expected: "a character (control characters must be escaped)")
            default: unescaped.append(byte)
            }
        }
        throw .truncated
    }

    private mutating func unescape(into output: inout [UInt8]) throws(JSONReaderError) {
        guard offset < bytes.count else { throw .truncated }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar), offset + 1 < bytes.count,
               bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                let mark = offset
                offset += 2
                let low = try hexQuad()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    offset = mark
                }
            }
            output += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
        default: throw .unexpected(offset: offset - 1, expected: "an escape character")
        }
    }

    private mutating func hexQuad() throws(JSONReaderError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw .truncated }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw .unexpected(offset: offset, expected: "a hex digit")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// The text of a number, checked against JSON's number grammar.
    private mutating func numberText() throws(JSONReaderError) -> String {
        skipWhitespace()
        let start = offset
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.offset
            while reader.offset < reader.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.offset]) {
                reader.offset += 1
            }
            return reader.offset - from
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "0") {
            offset += 1  // no leading zeros: "01" is a 0 followed by junk
        } else {
            guard digits(&self) > 0 else { throw .unexpected(offset: start, expected: "a value") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw .unexpected(offset: offset, expected: "a digit") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw .unexpected(offset: offset, expected: "a digit") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func literal(_ word: StaticString) throws(JSONReaderError) {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw .truncated }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
            throw .unexpected(offset: offset + index, expected: "'\(word)'")
        }
        offset += count
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    private mutating func peek() throws(JSONReaderError) -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw .truncated }
        return bytes[offset]
    }

    private mutating func next() throws(JSONReaderError) -> UInt8 {
        let byte = try peek()
        offset += 1
        return byte
    }

    private mutating func expect(_ byte: UInt8) throws(JSONReaderError) {
        guard try next() == byte else { throw .unexpected(offset: offset - 1, expected: "'\(Character(Unicode.Scalar(byte)))'") }
    }
}

/// Why a ``JSONReader`` stopped.
public enum JSONReaderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text ended inside a value.
    case truncated
    /// Something else than `expected` at byte `offset`.
    case unexpected(offset: Int, expected: String)

    public var description: String {
        switch self {
        case .truncated: "the JSON text ends inside a value"
        case .unexpected(let offset, let expected): "expected \(expected) at byte \(offset)"
        }
    }
}
