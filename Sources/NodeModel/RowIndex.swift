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
