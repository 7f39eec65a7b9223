extension ResourceJSON {
    /// Reads a resource-json document straight into a ``NodeTable`` that holds only the named
    /// attributes (and the tags only if `attributes` names `tags`), with each row's entry
    /// range for ``decodeEntry(_:range:key:file:)``.
    ///
    /// This is the fast path for queries: no `Node` and no dictionary per entry, no string
    /// for an attribute the filter does not read, and none for a value its column already
    /// holds. Duplicate names resolve as in the full read: the later entry wins, in the
    /// earlier one's place.
    public static func decodeTable(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String = "-", keeping attributes: Set<String>
    ) throws(NodeFileError) -> (table: NodeTable, ranges: [Range<Int>]) {
        let keepsTags = attributes.contains("tags")
        let kept = attributes.subtracting(["tags", "nodename"]).sorted()
        let selection = JSONAttributeSelection(keeping: Set(kept), tags: keepsTags)
        let columnOf = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        var columns = Array(repeating: DictionaryColumn<String>(), count: kept.count)
        var names: [String] = []
        var tags = DictionaryColumn<[String]>()
        var ranges: [Range<Int>] = []
        var rowOfName = RowIndex(expected: bytes.count / 2048)
        var fields = JSONScanner.EntryFields()
        try walk(bytes, file: file) { scanner, key, start throws(NodeFileError) in
            try scanner.readFields(selection: selection, depth: 1, into: &fields)
            guard let name = fields.ownName ?? key else { return }
            let row = rowOfName.row(for: name, next: names.count, in: names)
            if row == names.count {
                names.append(name)
                ranges.append(start.lowerBound..<scanner.index)
            } else {
                // A later entry with the same name replaces the earlier one's values.
                ranges[row] = start.lowerBound..<scanner.index
                for index in columns.indices { columns[index].set(nil, row: row) }
                tags.set(nil, row: row)
            }
            if keepsTags { tags.set(Array(Set(fields.tags ?? [])).sorted(), row: row) }
            for (attribute, value) in fields.attributes {
                let column = columnOf[attribute]!
                switch value {
                case .ascii(let range): columns[column].set(utf8: UnsafeBufferPointer(rebasing: bytes[range]), row: row)
                case .text(let text): columns[column].set(text, row: row)
                case .null: columns[column].set(nil, row: row)
                }
            }
        }
        let table = NodeTable(names: names, tags: tags, columns: Dictionary(uniqueKeysWithValues: zip(kept, columns)))
        return (table, ranges)
    }
}

/// Finds the row of a node name: an open-addressing table of row numbers keyed by a hash of
/// the name, so that 100k names cost no dictionary of strings. Hashes are kept per row, so
/// growing never rehashes a string.
struct RowIndex {
    private var slots: [Int32]
    private var hashes: [UInt64] = []

    /// A table sized for about `expected` names.
    init(expected: Int) {
        slots = [Int32](repeating: -1, count: max(1024, 1 << (Int.bitWidth - (expected * 2).leadingZeroBitCount)))
    }

    /// The row of `name` if `names` has it, else `next` (and `name` is recorded there).
    mutating func row(for name: String, next: Int, in names: [String]) -> Int {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        var name = name
        let hash = name.withUTF8 { ByteHash.hash($0) }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let row = Int(slots[slot])
            if hashes[row] == hash, names[row] == name { return row }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(next)
        hashes.append(hash)
        return next
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        for (row, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (bigger.count - 1)
            while bigger[slot] >= 0 { slot = (slot + 1) & (bigger.count - 1) }
            bigger[slot] = Int32(row)
        }
        slots = bigger
    }
}

/// A fast, non-cryptographic hash of a few dozen bytes, eight at a time (for tables whose
/// keys are checked for equality anyway).
enum ByteHash {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            i += 8
        }
        while i < bytes.count {
            hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01B3
            i += 1
        }
        return hash ^ (hash >> 32)
    }
}
