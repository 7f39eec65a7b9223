/// An error reading a resource model file, with the file and the place it concerns.
///
/// Rendered as `fleet.json:12:5: expected ',' or '}' after a value`; without a position,
/// as `fleet.json: cannot read file: No such file or directory`.
public struct NodeFileError: Error, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A character that does not fit the syntax here; the payload says what was expected.
        case unexpectedCharacter(expected: String)
        /// The input ended in the middle of a value.
        case unexpectedEndOfInput
        /// A backslash escape that JSON does not define, or a malformed `\u` escape.
        case invalidEscape(String)
        /// A `\u` escape for one half of a UTF-16 surrogate pair without the other half.
        case unpairedSurrogate
        /// A control character (below U+0020) written unescaped inside a JSON string.
        case controlCharacterInString(UInt8)
        /// A number that does not follow JSON's number syntax.
        case invalidNumber
        /// Bytes that are not valid UTF-8.
        case invalidUTF8
        /// Objects and arrays nested deeper than the reader allows.
        case nestingTooDeep(limit: Int)
        /// The document is neither an object nor an array.
        case topLevelNotContainer
        /// A YAML node entry that is null or not a map; carries the node name when there is one.
        case entryNotAMap(name: String?)
        /// A YAML sequence entry without a `nodename`.
        case missingNodename
        /// A nested YAML value whose text form would be unreasonably large (an alias bomb).
        case valueTooLarge
        /// A YAML syntax error, with libyaml's own message.
        case yamlSyntax(String)
        /// The file could not be read; carries the system's error text.
        case unreadable(String)
    }

    /// A place in the file.
    public struct Position: Hashable, Sendable {
        /// The line, from 1.
        public var line: Int
        /// The column, from 1, counted in Unicode scalars (as libyaml counts).
        public var column: Int
        /// The UTF-8 byte offset from the start of the file.
        public var offset: Int

        public init(line: Int, column: Int, offset: Int) {
            self.line = line
            self.column = column
            self.offset = offset
        }
    }

    /// The file name as given; `<stdin>` for standard input.
    public var file: String
    /// Where in the file, when the error concerns a place.
    public var position: Position?
    /// What went wrong.
    public var kind: Kind

    public init(file: String, position: Position? = nil, kind: Kind) {
        self.file = file
        self.position = position
        self.kind = kind
    }
}

extension NodeFileError: CustomStringConvertible {
    public var description: String {
        if let position {
            "\(file):\(position.line):\(position.column): \(kind)"
        } else {
            "\(file): \(kind)"
        }
    }
}

extension NodeFileError.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unexpectedCharacter(let expected): "expected \(expected)"
        case .unexpectedEndOfInput: "unexpected end of input"
        case .invalidEscape(let escape): "invalid escape '\(escape)'"
        case .unpairedSurrogate: "unpaired UTF-16 surrogate in \\u escape"
        case .controlCharacterInString(let byte): "unescaped control character \(hexScalar(byte)) in string"
        case .invalidNumber: "invalid number"
        case .invalidUTF8: "invalid UTF-8"
        case .nestingTooDeep(let limit): "nested deeper than \(limit) levels"
        case .topLevelNotContainer: "top level must be an object or array"
        case .entryNotAMap(let name?): "node entry '\(name)' is not a map"
        case .entryNotAMap(nil): "node entry is not a map"
        case .missingNodename: "node entry has no nodename"
        case .valueTooLarge: "nested value too large"
        case .yamlSyntax(let message): message
        case .unreadable(let reason): "cannot read file: \(reason)"
        }
    }

    private func hexScalar(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

extension NodeFileError.Position {
    /// The position of a byte offset: lines split at `\n`, columns counted in scalars.
    init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 {
            column += 1
        }
        self.init(line: line, column: column, offset: offset)
    }

    /// The position of a line and scalar column (as libyaml reports them) in `bytes`.
    init(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        var currentLine = 1
        while currentLine < line, offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") { currentLine += 1 }
            offset += 1
        }
        var scalars = 1
        while scalars < column, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        self.init(line: line, column: column, offset: offset)
    }
}
