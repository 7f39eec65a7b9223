/// Nodes stored by column, every column dictionary-encoded.
///
/// A fleet repeats itself: thousands of containers share a handful of images, clusters and
/// launch types. Storing each column as small codes into its distinct values keeps the table
/// compact and lets a filter test each distinct value once instead of once per node.
public struct NodeTable: Sendable {
    /// Node names by row.
    public private(set) var names: [String] = []
    /// Tag sets by row (each sorted).
    public private(set) var tags = DictionaryColumn<[String]>()
    /// Attribute columns by attribute name.
    public private(set) var columns: [String: DictionaryColumn<String>] = [:]

    public init() {}

    public init(_ nodes: some Sequence<Node>) {
        for node in nodes { append(node) }
    }

    /// A table of `nodes` with only the named attribute columns (names and tags always): all
    /// a filter that reads those attributes needs.
    public init(_ nodes: some Sequence<Node>, keeping attributes: Set<String>) {
        for node in nodes {
            let row = names.count
            names.append(node.name.freshCopy)
            tags.set(node.tags, row: row)
            for attribute in attributes {
                if let value = node.attributes[attribute] { columns[attribute, default: DictionaryColumn()].set(value, row: row) }
            }
        }
    }

    /// A table from its columns; every column covers at most `names.count` rows.
    public init(names: [String], tags: DictionaryColumn<[String]>, columns: [String: DictionaryColumn<String>]) {
        self.names = names
        self.tags = tags
        self.columns = columns
    }

    /// Number of rows.
    public var count: Int { names.count }

    /// Adds a node as the last row.
    public mutating func append(_ node: Node) {
        append(name: node.name, attributes: node.attributes, tags: node.tags)
    }

    /// Adds a row; `tags` must be sorted and without duplicates.
    public mutating func append(name: String, attributes: [String: String], tags: [String]) {
        let row = names.count
        names.append(name.freshCopy)
        self.tags.set(tags, row: row)
        for (column, value) in attributes {
            columns[column, default: DictionaryColumn()].set(value, row: row)
        }
    }

    /// A table of the given rows, in that order.
    public func selecting(rows: [Int]) -> NodeTable {
        var table = NodeTable()
        for row in rows {
            table.names.append(names[row])
            table.tags.set(tags[row], row: table.names.count - 1)
        }
        for (name, column) in columns {
            var selected = DictionaryColumn<String>()
            for (target, row) in rows.enumerated() { selected.set(column[row], row: target) }
            table.columns[name] = selected
        }
        return table
    }
}

/// A column of values stored as codes into its distinct values; code 0 means "missing".
///
/// Rows past the last stored one are missing too, so a column only grows when a row has a value.
public struct DictionaryColumn<Value: Hashable & Sendable>: Sendable {
    /// One code per stored row: 0 for a missing value, else 1 + the index in `values`.
    public private(set) var codes: [UInt32] = []
    /// The distinct values, in order of first appearance.
    public private(set) var values: [Value] = []
    private var index: [Value: UInt32] = [:]
    /// String columns only: codes by a hash of a value's UTF-8, so a value read from
    /// a file is found without making a `String` for it.
    private var codesByHash: [UInt64: UInt32] = [:]
    private var isDeduplicating = true

    public init() {}

    /// Stores `value` (nil: missing) in `row`, which may be past the last stored row.
    public mutating func set(_ value: Value?, row: Int) {
        guard let value else { return store(0, row: row) }
        store(code(for: value), row: row)
    }

    /// Whether the column still looks values up (false once nearly every value is new).
    var deduplicates: Bool { isDeduplicating }

    /// The code of `row`: 0 when missing.
    @inline(__always)
    public func code(_ row: Int) -> UInt32 { row < codes.count ? codes[row] : 0 }

    /// The value in `row`, or nil when missing.
    public subscript(row: Int) -> Value? {
        let code = code(row)
        return code == 0 ? nil : values[Int(code) - 1]
    }

    /// The code for `value`. A column whose values are nearly all different (names, ARNs,
    /// addresses) stops looking values up: the same value may then get several codes, which
    /// costs a filter a repeated test but saves hashing a million unique strings.
    private mutating func code(for value: Value) -> UInt32 {
        if isDeduplicating, let code = index[value] { return code }
        values.append(value)
        let code = UInt32(values.count)
        if isDeduplicating {
            index[value] = code
            if codes.count >= Self.uniquenessProbe, values.count * 2 > codes.count {
                isDeduplicating = false
                index = [:]
                codesByHash = [:]
            }
        }
        return code
    }

    /// Rows after which a column whose values are more than half distinct stops deduplicating.
    private static var uniquenessProbe: Int { 65_536 }

    private mutating func store(_ code: UInt32, row: Int) {
        if row < codes.count {
            codes[row] = code
        } else if code != 0 {
            if codes.count < row { codes.append(contentsOf: repeatElement(0, count: row - codes.count)) }
            codes.append(code)
        }
    }
}

extension DictionaryColumn where Value == String {
    /// Stores `value` (nil: missing) in `row`; a value of a column of nearly unique values is
    /// copied (see ``Swift/String/freshCopy``).
    public mutating func set(_ value: String?, row: Int) {
        guard let value else { return store(0, row: row) }
        store(code(for: deduplicates ? value : value.freshCopy), row: row)
    }

    /// Stores the string spelled by `utf8` (valid UTF-8) in `row`, making a `String` only for
    /// a value the column has not seen.
    public mutating func set(utf8: UnsafeBufferPointer<UInt8>, row: Int) {
        guard isDeduplicating else { return set(String(decoding: utf8, as: UTF8.self), row: row) }
        let hash = ByteHash.hash(utf8)
        if let code = codesByHash[hash],
           values[Int(code) - 1].utf8.withContiguousStorageIfAvailable({ $0.hasSameBytes(as: utf8) }) == true {
            return store(code, row: row)
        }
        let code = code(for: String(decoding: utf8, as: UTF8.self))
        if isDeduplicating { codesByHash[hash] = code }
        store(code, row: row)
    }
}

extension String {
    /// A copy in new storage of its own. A table copies the strings it keeps for every row, so
    /// that a scan of a million names reads memory in order instead of chasing pointers to
    /// wherever each string was first made (measured: 7 → 22 million name tests a second).
    var freshCopy: String {
        let count = utf8.count
        guard count > 15 else { return self }  // small strings live inside the String itself
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(from: utf8)
            return count
        }
    }
}
