/// Builds a ``NodeTable`` of some attributes from resource-json entries as they are scanned.
struct TableBuilder {
    private let selection: JSONAttributeSelection
    private let keepsTags: Bool
    private let kept: [String]
    private let columnOf: [String: Int]
    private var columns: [DictionaryColumn<String>]
    private var names: [String] = []
    private var tags = DictionaryColumn<[String]>()
    private var ranges: [Range<Int>] = []
    private var rowOfName: RowIndex
    private var fields = JSONScanner.EntryFields()

    init(keeping attributes: Set<String>, expectedRows: Int) {
        keepsTags = attributes.contains("tags")
        kept = attributes.subtracting(["tags", "nodename"]).sorted()
        selection = JSONAttributeSelection(keeping: Set(kept), tags: keepsTags)
        columnOf = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        columns = Array(repeating: DictionaryColumn<String>(), count: kept.count)
        rowOfName = RowIndex(expected: expectedRows)
    }

    /// Reads the entry at the scanner (its `{`) whose map key is `key` and which starts at `start`.
    mutating func add(_ scanner: inout JSONScanner, _ key: String?, _ start: Range<Int>) throws(NodeFileError) {
        try scanner.readFields(selection: selection, depth: 1, into: &fields)
        guard let name = fields.ownName ?? key else { return }
        let row = rowFor(name, range: start.lowerBound..<scanner.index)
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

    /// The row for `name`: a new one, or the earlier row of that name, emptied, whose place a
    /// later entry takes (Rundeck's rule).
    private mutating func rowFor(_ name: String, range: Range<Int>) -> Int {
        let row = rowOfName.row(for: name, next: names.count, in: names)
        if row == names.count {
            names.append(name)
            ranges.append(range)
        } else {
            ranges[row] = range
            for index in columns.indices { columns[index].set(nil, row: row) }
            tags.set(nil, row: row)
        }
        return row
    }

    /// Appends the rows of a builder that read the entries after this one's.
    mutating func append(_ later: TableBuilder) {
        for row in later.names.indices {
            let target = rowFor(later.names[row], range: later.ranges[row])
            if keepsTags { tags.set(later.tags[row], row: target) }
            for index in columns.indices where later.columns[index].code(row) != 0 {
                columns[index].set(later.columns[index][row], row: target)
            }
        }
    }

    func finish(walks: Int) -> (table: NodeTable, ranges: [Range<Int>], walks: Int) {
        (NodeTable(names: names, tags: tags, columns: Dictionary(uniqueKeysWithValues: zip(kept, columns))), ranges, walks)
    }
}
