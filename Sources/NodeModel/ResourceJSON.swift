/// Rundeck's `resourcejson` format.
///
/// The top level is a map `{"name": {entry}}` or an array of entries; anything else is an
/// error. Map-form keys name their nodes unless the entry has its own `nodename`;
/// array-form entries without `nodename`, and entries that are not objects, are skipped.
/// When two entries name the same node, the later one wins, in the earlier one's place.
/// The reader is strict JSON (RFC 8259), including no trailing commas or trailing data.
///
/// https://docs.rundeck.com/docs/manual/document-format-reference/resource-json-v10.html
public enum ResourceJSON {
    /// Decodes every node with all its attributes.
    public static func decode(_ bytes: [UInt8], file: String = "-") throws(NodeFileError) -> [Node] {
        try bytes.withUnsafeBufferPointer { bytes throws(NodeFileError) in
            try read(bytes, file: file, selection: .all).map(\.node)
        }
    }

    /// Decodes every node keeping only the named attributes (and always the name and tags),
    /// without making strings for the rest; each node comes with the byte range of its
    /// entry, for ``decodeEntry(_:range:key:file:)``.
    public static func decode(
        _ bytes: [UInt8], file: String = "-", keeping attributes: Set<String>
    ) throws(NodeFileError) -> [(node: Node, range: Range<Int>)] {
        let selection = JSONAttributeSelection(keeping: attributes)
        return try bytes.withUnsafeBufferPointer { bytes throws(NodeFileError) in
            try read(bytes, file: file, selection: selection)
        }
    }

    /// Fully decodes the one entry whose value occupies `range` of `bytes`, as returned by
    /// the projected ``decode(_:file:keeping:)``.
    ///
    /// `key` names the node when the entry has no `nodename` of its own (the map key; nil
    /// in array form). The projected node's name is always a right `key`: it is the map key
    /// or the entry's own `nodename`, which wins anyway. Returns nil where the full read
    /// skips the entry (not an object; no name). Errors carry file positions.
    public static func decodeEntry(
        _ bytes: [UInt8], range: Range<Int>, key: String?, file: String = "-"
    ) throws(NodeFileError) -> Node? {
        try bytes.withUnsafeBufferPointer { bytes throws(NodeFileError) in
            try decodeEntry(bytes, range: range, key: key, file: file)
        }
    }

    /// ``decodeEntry(_:range:key:file:)`` over a buffer (a mapped file).
    public static func decodeEntry(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, key: String?, file: String = "-"
    ) throws(NodeFileError) -> Node? {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the bytes")
        var scanner = JSONScanner(bytes: bytes, range: range, file: file)
        guard try scanner.peek() == UInt8(ascii: "{") else { return nil }
        var sizeHint = 0
        let node = try scanner.readEntry(key: key, selection: .all, depth: 1, sizeHint: &sizeHint)
        scanner.skipWhitespace()
        guard scanner.index == scanner.end else { throw scanner.unexpected("end of the entry") }
        return node
    }

    /// Reads the whole document.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, selection: JSONAttributeSelection
    ) throws(NodeFileError) -> [(node: Node, range: Range<Int>)] {
        var nodes = NodeCollector()
        var sizeHint = 0
        try walk(bytes, file: file) { scanner, key, range throws(NodeFileError) in
            if let node = try scanner.readEntry(key: key, selection: selection, depth: 1, sizeHint: &sizeHint) {
                nodes.add(node, range: range.lowerBound..<scanner.index)
            }
        }
        return nodes.takeUnique()
    }

    /// Walks the top-level map or array and calls `entry` at each object entry (the scanner
    /// at its `{`, with its map key and start offset); other entries are checked and skipped.
    static func walk(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String,
        entry: (inout JSONScanner, String?, Range<Int>) throws(NodeFileError) -> Void
    ) throws(NodeFileError) {
        var walker = try EntryWalker(document: bytes, file: file)
        _ = try walker.run(stoppingAt: nil, entry: entry)
    }
}

/// Nodes in file order, one per name: a later node with a name replaces the earlier one
/// in its place, as Rundeck's node set does.
struct NodeCollector {
    private(set) var entries: [(node: Node, range: Range<Int>)] = []

    mutating func add(_ node: Node, range: Range<Int>) {
        entries.append((node, range))
    }

    /// Takes the entries with duplicate names resolved.
    mutating func takeUnique() -> [(node: Node, range: Range<Int>)] {
        defer { entries = [] }
        let names = entries.map(\.node.name)
        guard let rows = RowIndex.lastWins(names, hashes: names.map(RowIndex.hash)) else { return entries }
        return rows.map { entries[$0] }
    }
}
