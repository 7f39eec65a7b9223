/// How one node differs between two inventories.
public enum NodeChange: Sendable, Equatable {
    /// A node that was not there before.
    case added(Node)
    /// A node that is gone.
    case removed(Node)
    /// A node whose attributes or tags changed: each changed attribute with its old and new
    /// value (nil for absent); `tags` is compared as its `", "`-joined text.
    case changed(Node, [String: (old: String?, new: String?)])

    public static func == (lhs: NodeChange, rhs: NodeChange) -> Bool {
        switch (lhs, rhs) {
        case (.added(let a), .added(let b)), (.removed(let a), .removed(let b)): a == b
        case (.changed(let a, let x), .changed(let b, let y)):
            a == b && x.keys == y.keys && x.allSatisfy { y[$0.key]?.old == $0.value.old && y[$0.key]?.new == $0.value.new }
        default: false
        }
    }

    /// The node concerned (its newest version).
    public var node: Node {
        switch self {
        case .added(let node), .removed(let node), .changed(let node, _): node
        }
    }

    /// The changes from `old` to `new`, by node name (bytewise): removed, added and changed nodes.
    public static func between(_ old: [Node], _ new: [Node]) -> [NodeChange] {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        let after = Dictionary(new.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        var changes: [NodeChange] = []
        for name in Set(before.keys).union(after.keys).sorted(by: { $0.precedesBytewise($1) }) {
            switch (before[name], after[name]) {
            case (let was?, nil): changes.append(.removed(was))
            case (nil, let now?): changes.append(.added(now))
            case (let was?, let now?) where was != now:
                let old = was.allAttributes, new = now.allAttributes
                var differences: [String: (old: String?, new: String?)] = [:]
                for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
                    differences[key] = (old[key], new[key])
                }
                changes.append(.changed(now, differences))
            default: break
            }
        }
        return changes
    }
}
