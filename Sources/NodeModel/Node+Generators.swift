#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Node {
    /// The nodes as Rundeck's generators see a node set: one per name (the last one given
    /// wins), sorted by name (bytewise, as `LC_ALL=C sort`) so output is deterministic.
    static func generatorOrder(_ nodes: [Node]) -> [Node] {
        var byName: [String: Node] = [:]
        byName.reserveCapacity(nodes.count)
        for node in nodes { byName[node.name] = node }
        return byName.values.sorted { $0.name.precedesBytewise($1.name) }
    }

    /// ``allAttributes`` sorted by key (bytewise): every attribute as a generator writes it.
    var generatorAttributes: [(key: String, value: String)] {
        let all = allAttributes
        return all.keys.sorted { $0.precedesBytewise($1) }.map { (key: $0, value: all[$0]!) }
    }
}

extension String {
    /// Whether the string sorts before `other` by UTF-8 bytes: the order `LC_ALL=C sort`
    /// gives, and much cheaper than Unicode-aware `<`.
    public func precedesBytewise(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return (fast ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
