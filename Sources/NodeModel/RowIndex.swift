/// Rundeck's rule for repeated node names, found with an open-addressing table of row
/// numbers keyed by a hash of each name (no dictionary of 100k strings).
enum RowIndex {
    /// The hash of a name, as ``lastWins(_:hashes:)`` expects.
    static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { ByteHash.hash($0) }
    }

    /// For each distinct name in order of first appearance, the row of its last appearance;
    /// nil when every name is distinct. `hashes[i]` is ``hash(_:)`` of `names[i]`, computed
    /// by the caller while the name was still in the cache.
    static func lastWins(_ names: [String], hashes: [UInt64]) -> [Int]? {
        let capacity = max(1024, 1 << (Int.bitWidth - (names.count * 2).leadingZeroBitCount))
        var slots = [Int32](repeating: -1, count: capacity)
        var position = [Int32](repeating: -1, count: names.count)
        var source: [Int] = []
        source.reserveCapacity(names.count)
        for row in names.indices {
            var slot = Int(truncatingIfNeeded: hashes[row]) & (capacity - 1)
            var earlier = -1
            while slots[slot] >= 0 {
                let other = Int(slots[slot])
                if hashes[other] == hashes[row], names[other] == names[row] {
                    earlier = other
                    break
                }
                slot = (slot + 1) & (capacity - 1)
            }
            if earlier < 0 {
                slots[slot] = Int32(row)
                position[row] = Int32(source.count)
                source.append(row)
            } else {
                source[Int(position[earlier])] = row
            }
        }
        return source.count == names.count ? nil : source
    }
}
