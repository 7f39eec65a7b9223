/// A parsed value rendered as Rundeck's Java code turns it into text with `toString()`.
///
/// Rundeck keeps attributes as strings; where a file holds a nested value in a place that
/// becomes a string (a YAML attribute, an element of a JSON `tags` array), the string is
/// what `java.util.LinkedHashMap` and `ArrayList` print: `{k=v, k2=[a, b]}`.
indirect enum JavaText {
    /// A scalar, already in the text Rundeck gives it.
    case scalar(String)
    case null
    case list([JavaText])
    case map([(key: String, value: JavaText)])

    /// `toString()` of the value: scalars as they are, `null`, `[a, b]`, `{k=v}`.
    var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .scalar(let text):
            out += text
        case .null:
            out += "null"
        case .list(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += ", " }
                element.render(into: &out)
            }
            out += "]"
        case .map(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += ", " }
                out += pair.key
                out += "="
                pair.value.render(into: &out)
            }
            out += "}"
        }
    }
}

extension String {
    /// Java's `String.trim()`: drops leading and trailing characters up to U+0020,
    /// which includes all ASCII control characters but no other whitespace. (Rundeck trims
    /// selectors, node values and tags this way.)
    public var javaTrimmed: String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 > 0x20 })!
        if first == 0 && last == bytes.count - 1 { return self }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// True when Java's `trim()` leaves nothing: Rundeck's "blank".
    public var isJavaBlank: Bool { !utf8.contains(where: { $0 > 0x20 }) }

    /// Java's `split(", *")`: split at each comma and the spaces after it, keeping empty
    /// pieces except trailing ones (a leading `,` gives an empty first piece).
    var javaSplitAtCommaSpaces: [String] {
        var pieces: [String] = []
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            guard scalars[i] == "," else {
                i = scalars.index(after: i)
                continue
            }
            pieces.append(String(Substring(scalars[start..<i])))
            i = scalars.index(after: i)
            while i < scalars.endIndex, scalars[i] == " " { i = scalars.index(after: i) }
            start = i
        }
        pieces.append(String(Substring(scalars[start...])))
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces
    }

    /// Rundeck's YAML tag list: split at `,`, each piece Java-trimmed, empty pieces dropped.
    var trimmedCommaSeparated: [String] {
        unicodeScalars.split(separator: ",", omittingEmptySubsequences: false)
            .map { String(Substring($0)).javaTrimmed }
            .filter { !$0.isEmpty }
    }
}
