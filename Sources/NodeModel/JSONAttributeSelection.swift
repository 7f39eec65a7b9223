/// Which attributes a JSON read keeps: all of them, or the named ones.
///
/// `nodename` is always read, `tags` unless the selection leaves it out. Keys are compared
/// as bytes, so a skipped attribute costs no `String` for its key or its value.
struct JSONAttributeSelection {
    /// The kept names; nil keeps every key.
    let names: [String]?
    /// Whether the `tags` value is read (splitting tags costs strings for every node).
    let keepsTags: Bool
    /// The kept names' UTF-8, one after another, and where each starts and ends.
    private let utf8: [UInt8]
    private let bounds: [Range<Int>]

    static let all = JSONAttributeSelection(names: nil, keepsTags: true)

    /// Keeps `attributes`, and the tags unless `tags` is false.
    init(keeping attributes: Set<String>, tags: Bool = true) {
        self.init(names: attributes.union(tags ? ["nodename", "tags"] : ["nodename"]).sorted(), keepsTags: tags)
    }

    private init(names: [String]?, keepsTags: Bool) {
        self.names = names
        self.keepsTags = keepsTags
        var utf8: [UInt8] = []
        var bounds: [Range<Int>] = []
        for name in names ?? [] {
            let start = utf8.count
            utf8.append(contentsOf: name.utf8)
            bounds.append(start..<utf8.count)
        }
        self.utf8 = utf8
        self.bounds = bounds
    }

    /// The index in ``names`` of the name spelled by `key`, if it is kept.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        utf8.withUnsafeBufferPointer { utf8 in
            for (index, range) in bounds.enumerated() where range.count == key.count {
                if UnsafeBufferPointer(rebasing: utf8[range]).hasSameBytes(as: key) { return index }
            }
            return nil
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether both buffers hold the same bytes; compares eight bytes at a time.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        let a = UnsafeRawPointer(baseAddress!)
        let b = UnsafeRawPointer(other.baseAddress!)
        var i = 0
        while i + 8 <= count {
            let left = a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            guard left == b.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
            i += 8
        }
        while i < count {
            guard self[i] == other[i] else { return false }
            i += 1
        }
        return true
    }
}
