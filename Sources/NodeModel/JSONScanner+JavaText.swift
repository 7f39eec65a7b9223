extension JSONScanner {
    /// Reads a `tags` array at its `[`: strings as they are, numbers and booleans as
    /// written, nested values as Java prints them; nulls are dropped.
    mutating func readTagList(depth: Int) throws(NodeFileError) -> [String] {
        var tags: [String] = []
        guard try beginArray() else { return tags }
        repeat {
            switch try readJavaText(depth: depth + 1) {
            case .null: break
            case .scalar(let text): tags.append(text)
            case let nested: tags.append(nested.rendered)
            }
        } while try nextElement()
        return tags
    }

    /// Reads any value as a tree, numbers and literals as written; for the rare nested
    /// values whose text Rundeck keeps.
    mutating func readJavaText(depth: Int) throws(NodeFileError) -> JavaText {
        switch try peek() {
        case UInt8(ascii: "\""):
            let token = try scanString()
            return .scalar(try string(token))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return .scalar(text(of: range))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try scanLiteral().map(JavaText.scalar) ?? .null
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
            var pairs: [(key: String, value: JavaText)] = []
            if try beginObject() {
                repeat {
                    let token = try scanString()
                    let key = try string(token)
                    try colon()
                    pairs.append((key, try readJavaText(depth: depth + 1)))
                } while try nextMember()
            }
            return .map(pairs)
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
            var elements: [JavaText] = []
            if try beginArray() {
                repeat {
                    elements.append(try readJavaText(depth: depth + 1))
                } while try nextElement()
            }
            return .list(elements)
        default:
            throw unexpected("a value")
        }
    }
}
