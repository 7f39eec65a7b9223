import NodeModel

/// Renders nodes as an aligned text table, one node per row, sorted by name.
enum NodeTableRenderer {
    /// Columns used when none are asked for: the name, then the ECS attributes most runbooks
    /// start from, or `hostname` and `tags` for inventories that are not from ECS.
    static func defaultColumns(for nodes: [Node]) -> [String] {
        let ecs = ["ECS:Cluster-Name", "ECS:Service-Name", "ECS:Container-Image", "ECS:Task-Launch-Type", "ECS:Exec-Enabled"]
        let present = ecs.filter { column in nodes.contains { $0.attributes[column] != nil } }
        return ["name"] + (present.isEmpty ? ["hostname", "tags"] : present)
    }

    static func render(_ nodes: [Node], columns: [String]) -> String {
        let rows = nodes.sorted { $0.name.precedesBytewise($1.name) }.map { node in
            columns.map { column in Self.cell(column == "name" ? node.name : node[attribute: column]) }
        }
        let widths = columns.indices.map { index in
            ([columns[index]] + rows.map { $0[index] }).map(\.unicodeScalars.count).max() ?? 0
        }
        return ([columns] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// A cell: `-` for a missing value, control characters shown as spaces.
    private static func cell(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}

extension String {
    /// The string followed by spaces up to `width` columns (one column per Unicode scalar).
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - unicodeScalars.count)) }
}
