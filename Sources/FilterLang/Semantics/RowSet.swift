/// A set of table rows as a bitmap, for evaluating a filter over a whole ``NodeTable``.
public struct RowSet: Sendable, Equatable {
    /// Number of rows the set ranges over.
    public let count: Int
    private var words: [UInt64]

    /// The empty set, or every row when `full`.
    public init(count: Int, full: Bool) {
        self.count = count
        words = Array(repeating: full ? ~0 : 0, count: (count + 63) / 64)
        if full { clearTail() }
    }

    /// The rows for which `include(row)` is true.
    public init(count: Int, where include: (Int) -> Bool) {
        self.init(count: count, full: false)
        for row in 0..<count where include(row) { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    public mutating func formIntersection(_ other: RowSet) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    public mutating func formUnion(_ other: RowSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    public mutating func complement() {
        for index in words.indices { words[index] = ~words[index] }
        clearTail()
    }

    /// Number of rows in the set.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The rows in the set, ascending.
    public var rows: [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(cardinality)
        for (index, word) in words.enumerated() {
            var word = word
            while word != 0 {
                rows.append(index << 6 + word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return rows
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0 { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }
}
