extension Node {
    /// The nodes as Rundeck's generators see a node set: one per name (the last one given
    /// wins), sorted by name so output is deterministic.
    static func generatorOrder(_ nodes: [Node]) -> [Node] {
        var byName: [String: Node] = [:]
        byName.reserveCapacity(nodes.count)
        for node in nodes { byName[node.name] = node }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// ``allAttributes`` sorted by key: every attribute as a generator writes it.
    var generatorAttributes: [(key: String, value: String)] {
        allAttributes.sorted { $0.key < $1.key }
    }
}
