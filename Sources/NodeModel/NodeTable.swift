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

    /// Number of rows.
    public var count: Int { names.count }

    /// Adds a node as the last row.
    public mutating func append(_ node: Node) {
        let row = names.count
        names.append(node.name)
        tags.append(node.tags, row: row)
        for (name, value) in node.attributes {
            columns[name, default: DictionaryColumn()].append(value, row: row)
        }
    }

    /// The node in `row`, rebuilt from the columns.
    public subscript(row: Int) -> Node {
        var attributes: [String: String] = [:]
        for (name, column) in columns {
            if let value = column[row] { attributes[name] = value }
        }
        return Node(name: names[row], attributes: attributes, tags: tags[row] ?? [])
    }

    /// The nodes in `rows`, in that order.
    public func nodes(_ rows: some Sequence<Int>) -> [Node] { rows.map { self[$0] } }
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

    public init() {}

    /// Stores `value` in `row` (after every row stored so far).
    public mutating func append(_ value: Value, row: Int) {
        if codes.count < row { codes.append(contentsOf: repeatElement(0, count: row - codes.count)) }
        if let code = index[value] {
            codes.append(code)
        } else {
            values.append(value)
            let code = UInt32(values.count)
            index[value] = code
            codes.append(code)
        }
    }

    /// The code of `row`: 0 when missing.
    @inline(__always)
    public func code(_ row: Int) -> UInt32 { row < codes.count ? codes[row] : 0 }

    /// The value in `row`, or nil when missing.
    public subscript(row: Int) -> Value? {
        let code = code(row)
        return code == 0 ? nil : values[Int(code) - 1]
    }
}
