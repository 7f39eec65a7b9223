/// Builds a ``NodeTable`` of some attributes from resource-json entries as they are scanned.
struct TableBuilder {
    private let selection: JSONAttributeSelection
    private let keepsTags: Bool
    private let kept: [String]
    private let columnOf: [String: Int]
    private var columns: [DictionaryColumn<String>]
    private var names: [String] = []
    private var hashes: [UInt64] = []
    private var tags = DictionaryColumn<[String]>()
    private var ranges: [Range<Int>] = []
    private var fields = JSONScanner.EntryFields()

    init(keeping attributes: Set<String>) {
        keepsTags = attributes.contains("tags")
        kept = attributes.subtracting(["tags", "nodename"]).sorted()
        selection = JSONAttributeSelection(keeping: Set(kept), tags: keepsTags)
        columnOf = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        columns = Array(repeating: DictionaryColumn<String>(), count: kept.count)
    }

    /// Reads the entry at the scanner (its `{`) whose map key is `key` and which starts at `start`.
    mutating func add(_ scanner: inout JSONScanner, _ key: String?, _ start: Range<Int>) throws(NodeFileError) {
        try scanner.readFields(selection: selection, depth: 1, into: &fields)
        guard let name = fields.ownName ?? key else { return }
        let row = names.count
        names.append(name)
        hashes.append(RowIndex.hash(name))
        ranges.append(start.lowerBound..<scanner.index)
        if keepsTags { tags.set(Array(Set(fields.tags ?? [])).sorted(), row: row) }
        for (attribute, value) in fields.attributes {
            let column = columnOf[attribute]!
            switch value {
            case .ascii(let range): columns[column].set(utf8: UnsafeBufferPointer(rebasing: scanner.bytes[range]), row: row)
            case .text(let text): columns[column].set(text, row: row)
            case .null: columns[column].set(nil, row: row)
            }
        }
    }

    /// Appends the rows of a builder that read the entries after this one's.
    mutating func append(_ later: TableBuilder) {
        let offset = names.count
        names += later.names
        hashes += later.hashes
        ranges += later.ranges
        for row in later.names.indices {
            if keepsTags { tags.set(later.tags[row], row: offset + row) }
            for index in columns.indices where later.columns[index].code(row) != 0 {
                columns[index].set(later.columns[index][row], row: offset + row)
            }
        }
    }

    /// The table, with repeated names resolved as Rundeck does (the later entry wins, in the
    /// earlier one's place). Names are hashed during the scan, while in the cache, and
    /// checked only here, when the index is not competing with 200 MB of streaming input.
    func finish(walks: Int) -> (table: NodeTable, ranges: [Range<Int>], walks: Int) {
        let table = NodeTable(names: names, tags: tags, columns: Dictionary(uniqueKeysWithValues: zip(kept, columns)))
        guard let rows = RowIndex.lastWins(names, hashes: hashes) else { return (table, ranges, walks) }
        return (table.selecting(rows: rows), rows.map { ranges[$0] }, walks)
    }
}
