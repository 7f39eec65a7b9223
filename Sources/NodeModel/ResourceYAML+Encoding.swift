extension ResourceYAML {
    /// Encodes nodes as Rundeck's generator does: a block map keyed by node name, each entry
    /// holding every attribute as a string, `nodename` and `tags` included (`""` without
    /// tags); nodes and keys sorted.
    ///
    /// Every value is double-quoted with escapes, so `yes`, `null`, `123`, `: x`, `#x`,
    /// surrounding spaces, line breaks and control characters all read back as the same
    /// string, in Rundeck too. Keys are plain when that is unambiguous, quoted otherwise.
    public static func encode(_ nodes: [Node]) -> String {
        let nodes = Node.generatorOrder(nodes)
        guard !nodes.isEmpty else { return "{}\n" }
        var out: [UInt8] = []
        out.reserveCapacity(nodes.count * 512)
        for node in nodes {
            appendKey(node.name, indent: "", to: &out)
            out.append(UInt8(ascii: "\n"))
            for attribute in node.generatorAttributes {
                appendKey(attribute.key, indent: "  ", to: &out)
                out.append(UInt8(ascii: " "))
                appendQuoted(attribute.value, to: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `key` and its `:`, plain if that is an unambiguous YAML 1.1 string, else
    /// double-quoted; keys too long for YAML's implicit keys (1024 characters) are written
    /// as explicit `? key` lines.
    static func appendKey(_ key: String, indent: String, to out: inout [UInt8]) {
        out.append(contentsOf: indent.utf8)
        if isPlainSafe(key) {
            out.append(contentsOf: key.utf8)
        } else {
            var quoted: [UInt8] = []
            appendQuoted(key, to: &quoted)
            if quoted.count > 1000 {
                out.append(contentsOf: "? ".utf8)
                out.append(contentsOf: quoted)
                out.append(UInt8(ascii: "\n"))
                out.append(contentsOf: indent.utf8)
            } else {
                out.append(contentsOf: quoted)
            }
        }
        out.append(UInt8(ascii: ":"))
    }

    /// Whether `key` reads back as the same string when written plain: an ASCII letter or
    /// `_` first, then letters, digits, `_ . - /` and `:` (not last), no YAML 1.1 boolean
    /// or null word, and short enough for an implicit key.
    static func isPlainSafe(_ key: String) -> Bool {
        let utf8 = key.utf8
        guard utf8.count <= 1000, let first = utf8.first, first == UInt8(ascii: "_") || isLetter(first),
              utf8.last != UInt8(ascii: ":")
        else { return false }
        let allowed = utf8.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":")
        }
        return allowed && (utf8.count > 5 || !typedWords.contains(key.lowercased()))
    }

    /// Plain words that YAML 1.1 reads as booleans or null.
    private static let typedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Appends `string` as a YAML double-quoted scalar. Escaped: `"` and `\`, every
    /// character YAML does not allow unescaped (C0 and C1 controls, DEL, U+FEFF, U+FFFE,
    /// U+FFFF) and the line breaks that would be folded (`\n`, `\r`, U+0085, U+2028, U+2029).
    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = string.utf8
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out.append(contentsOf: utf8)
        } else {
            for scalar in string.unicodeScalars {
                switch scalar.value {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x85: out.append(contentsOf: #"\N"#.utf8)
                case 0x2028: out.append(contentsOf: #"\L"#.utf8)
                case 0x2029: out.append(contentsOf: #"\P"#.utf8)
                case 0x00..<0x20, 0x7F...0x9F: out.append(contentsOf: ("\\x" + hex(scalar.value, digits: 2)).utf8)
                case 0xFEFF, 0xFFFE, 0xFFFF: out.append(contentsOf: ("\\u" + hex(scalar.value, digits: 4)).utf8)
                default: UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
