extension JSONScanner {
    /// What an entry does with one key's value.
    private enum Role {
        case nodename
        case tags
        case attribute(String)
        case skip
    }

    /// An entry's fields as read, before Rundeck's rules turn them into a node.
    struct EntryFields {
        /// The entry's own `nodename`, if it has one.
        var ownName: String?
        /// Kept attributes in file order; `.null` values (null, nested) unset the key.
        var attributes: [(name: String, value: FieldValue)] = []
        /// The tags, when the selection reads them and the entry has them.
        var tags: [String]?
    }

    /// An attribute value as scanned: the bytes of a plain ASCII string (no `String` made
    /// yet), a decoded text, or null.
    enum FieldValue {
        case ascii(Range<Int>)
        case text(String)
        case null
    }

    /// The value as a `String`, nil for null.
    func string(_ value: FieldValue) -> String? {
        switch value {
        case .ascii(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .text(let text): text
        case .null: nil
        }
    }

    /// Reads the node entry object at the scanner (its `{`) with Rundeck's resourcejson
    /// rules (`ResourceJsonFormatParser`):
    ///
    /// - strings are kept, numbers and booleans become their JSON text, null and nested
    ///   values unset the key (as the later of two duplicate keys wins);
    /// - `tags` is a string split at `", *"` unless blank, or an array of strings;
    /// - `nodename`, when set, names the node; otherwise `key`, the map-form key, does, and an
    ///   array-form entry (nil key) without one gives nil.
    mutating func readEntry(
        key: String?, selection: JSONAttributeSelection, depth: Int, sizeHint: inout Int
    ) throws(NodeFileError) -> Node? {
        var fields = EntryFields()
        try readFields(selection: selection, depth: depth, into: &fields)
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(sizeHint)
        for (name, value) in fields.attributes { attributes[name] = string(value) }
        sizeHint = max(sizeHint, attributes.count)
        guard let name = fields.ownName ?? key else { return nil }
        return Node(name: name, attributes: attributes, tags: fields.tags ?? [])
    }

    /// Reads the fields of the entry object at the scanner (its `{`) that `selection` keeps,
    /// into `fields` (emptied first, its storage reused).
    mutating func readFields(selection: JSONAttributeSelection, depth: Int, into fields: inout EntryFields) throws(NodeFileError) {
        guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
        fields.ownName = nil
        fields.tags = nil
        fields.attributes.removeAll(keepingCapacity: true)
        if try beginObject() {
            repeat {
                let key = try scanString()
                let role = try role(of: key, selection: selection)
                try colon()
                switch role {
                case .nodename: fields.ownName = try readScalar(depth: depth + 1)
                case .tags: fields.tags = try readTags(depth: depth + 1)
                case .attribute(let name): fields.attributes.append((name, try readValue(depth: depth + 1)))
                case .skip: try skipValue(depth: depth + 1)
                }
            } while try nextMember()
        }
    }

    /// Reads a value as an attribute, leaving plain ASCII strings as bytes.
    private mutating func readValue(depth: Int) throws(NodeFileError) -> FieldValue {
        guard try peek() == UInt8(ascii: "\"") else { return try readScalar(depth: depth).map(FieldValue.text) ?? .null }
        let token = try scanString()
        return token.isASCII && !token.hasEscapes ? .ascii(token.range) : .text(try string(token))
    }

    private mutating func role(of key: StringToken, selection: JSONAttributeSelection) throws(NodeFileError) -> Role {
        let raw = UnsafeBufferPointer(rebasing: bytes[key.range])
        if !key.hasEscapes {
            // "nodename" and "tags" as little-endian words.
            let start = UnsafeRawPointer(bytes.baseAddress! + key.range.lowerBound)
            if raw.count == 8, start.loadUnaligned(as: UInt64.self).littleEndian == 0x656D_616E_6564_6F6E {
                return .nodename
            }
            if raw.count == 4, start.loadUnaligned(as: UInt32.self).littleEndian == 0x7367_6174 {
                return selection.keepsTags ? .tags : .skip
            }
        }
        if let kept = selection.names {
            if key.hasEscapes {
                let name = try string(key)
                guard kept.contains(name) else { return .skip }
                return name == "nodename" ? .nodename : name == "tags" ? (selection.keepsTags ? .tags : .skip) : .attribute(name)
            }
            if !key.isASCII, let bad = UTF8Validation.firstInvalidOffset(in: bytes, key.range) {
                throw error(.invalidUTF8, at: bad)
            }
            guard let index = selection.index(of: raw) else { return .skip }
            return .attribute(kept[index])
        }
        if key.hasEscapes || !key.isASCII {
            let name = try string(key)
            return name == "nodename" ? .nodename : name == "tags" ? .tags : .attribute(name)
        }
        return .attribute(keyCache.key(for: raw))
    }

    /// Reads a value as an attribute: its text, or nil for null and nested values.
    private mutating func readScalar(depth: Int) throws(NodeFileError) -> String? {
        switch try peek() {
        case UInt8(ascii: "\""):
            let token = try scanString()
            return try string(token)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return text(of: range)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try scanLiteral()
        default:
            try skipValue(depth: depth)
            return nil
        }
    }

    /// Reads the value of `tags`: a string (or number, boolean) split at `", *"` unless
    /// blank; an array of tags; anything else means no tags.
    private mutating func readTags(depth: Int) throws(NodeFileError) -> [String] {
        switch try peek() {
        case UInt8(ascii: "\""):
            let token = try scanString()
            guard !token.hasEscapes else {
                let text = try string(token)
                return text.javaTrimmed.isEmpty ? [] : text.javaSplitAtCommaSpaces
            }
            return try splitTags(token)
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error(.nestingTooDeep(limit: Self.maxDepth), at: index) }
            return try readTagList(depth: depth)
        default:
            return try readScalar(depth: depth)?.javaSplitAtCommaSpaces ?? []
        }
    }

    /// `javaSplitAtCommaSpaces` straight from the bytes of a string without escapes, so the
    /// whole tag string is never made.
    private func splitTags(_ token: StringToken) throws(NodeFileError) -> [String] {
        if !token.isASCII, let bad = UTF8Validation.firstInvalidOffset(in: bytes, token.range) {
            throw error(.invalidUTF8, at: bad)
        }
        guard token.range.contains(where: { bytes[$0] > 0x20 }) else { return [] }
        var pieces: [Range<Int>] = []
        var start = token.range.lowerBound
        var i = start
        while i < token.range.upperBound {
            if bytes[i] == UInt8(ascii: ",") {
                pieces.append(start..<i)
                i += 1
                while i < token.range.upperBound, bytes[i] == UInt8(ascii: " ") { i += 1 }
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(start..<token.range.upperBound)
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }
}

/// Key strings made recently, by their bytes, so that the same key in 100k entries is one
/// shared `String` rather than 100k allocations (keys over 15 bytes are not stored inline).
struct KeyCache {
    private var slots: [(hash: UInt64, key: String)?] = Array(repeating: nil, count: 256)

    /// The key spelled by `raw`, which must be ASCII.
    mutating func key(for raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.count > 15 else { return String(decoding: raw, as: UTF8.self) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let slot = Int(truncatingIfNeeded: hash & 255)
        if let cached = slots[slot], cached.hash == hash,
           cached.key.utf8.withContiguousStorageIfAvailable({ $0.hasSameBytes(as: raw) }) == true {
            return cached.key
        }
        let key = String(decoding: raw, as: UTF8.self)
        slots[slot] = (hash, key)
        return key
    }
}
