extension ResourceJSON {
    /// Encodes nodes as the generator does, in map form keyed by node name, with every
    /// attribute a string, `nodename` and `tags` included; nodes and keys sorted, two-space
    /// indent, one attribute per line, a final newline.
    public static func encode(_ nodes: [Node]) -> String {
        let nodes = Node.generatorOrder(nodes)
        guard !nodes.isEmpty else { return "{}\n" }
        var out: [UInt8] = []
        out.reserveCapacity(nodes.count * 512)
        out.append(contentsOf: "{\n".utf8)
        for (i, node) in nodes.enumerated() {
            out.append(contentsOf: "  ".utf8)
            appendQuoted(node.name, to: &out)
            out.append(contentsOf: ": {\n".utf8)
            let attributes = node.generatorAttributes
            for (j, attribute) in attributes.enumerated() {
                out.append(contentsOf: "    ".utf8)
                appendQuoted(attribute.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                appendQuoted(attribute.value, to: &out)
                out.append(contentsOf: j == attributes.count - 1 ? "\n".utf8 : ",\n".utf8)
            }
            out.append(contentsOf: i == nodes.count - 1 ? "  }\n".utf8 : "  },\n".utf8)
        }
        out.append(contentsOf: "}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `string` as a JSON string: `"` and `\` escaped, control characters as `\n`,
    /// `\t` and friends or `\u00XX`, everything else as UTF-8.
    public static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var run = 0
            for (i, byte) in utf8.enumerated() where byte == 0x22 || byte == 0x5C || byte < 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                switch byte {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                default: out.append(contentsOf: #"\u00"#.utf8 + hexDigits(byte))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }
}
