extension FilterSyntaxError {
    /// The error as the CLI prints it: the message, the filter, a caret line under the
    /// offending columns, and a hint.
    ///
    ///     error: invalid regular expression: missing closing parenthesis
    ///       ECS:Container-Image: /spring(/
    ///                                   ^
    ///     hint: a /…/ selector is a regex only; …
    ///
    /// Control characters in the filter are shown as spaces so that the caret lines up.
    public func rendered(filter: String, indent: String = "  ") -> String {
        let bytes = Array(filter.utf8)
        let shown = String(decoding: bytes, as: UTF8.self).unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
        let start = Self.column(of: range.lowerBound, in: bytes)
        let end = max(Self.column(of: range.upperBound, in: bytes), start + 1)
        let marker = "^" + String(repeating: "~", count: max(0, min(end, shown.count + 1) - start - 1))
        return """
            error: \(description)
            \(indent)\(String(shown))
            \(indent)\(String(repeating: " ", count: start))\(marker)
            hint: \(hint)
            """
    }

    /// The display column (in Unicode scalars) of a UTF-8 offset.
    static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        let clamped = min(max(offset, 0), bytes.count)
        return bytes[..<clamped].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
