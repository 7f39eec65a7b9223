import Testing
import NodeModel

/// What `ecsnodes watch` reports between two polls.
struct NodeChangeTests {
    @Test func addedRemovedAndChangedNodesInNameOrder() {
        let a = Node(name: "a", attributes: ["x": "1"], tags: ["t"])
        let b = Node(name: "b", attributes: ["x": "1"])
        let c = Node(name: "c", attributes: ["x": "1", "y": "2"])
        let c2 = Node(name: "c", attributes: ["x": "9"], tags: ["new"])
        let changes = NodeChange.between([a, b, c], [c2, b, Node(name: "d")])
        #expect(changes.map(\.node.name) == ["a", "c", "d"])
        #expect(changes[0] == .removed(a))
        #expect(changes[2] == .added(Node(name: "d")))
        guard case .changed(let node, let differences) = changes[1] else {
            Issue.record("c should have changed")
            return
        }
        #expect(node == c2)
        #expect(differences.keys.sorted() == ["tags", "x", "y"])
        #expect(differences["x"]?.old == "1" && differences["x"]?.new == "9")
        #expect(differences["y"]?.old == "2" && differences["y"]?.new == nil)
        #expect(differences["tags"]?.new == "new")
        #expect(NodeChange.between([a, b], [b, a]).isEmpty)
    }
}
