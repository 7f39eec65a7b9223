import FilterLang
import NodeModel

/// Reads an inventory file and applies a filter, reading no more of the file than needed.
///
/// For resource-json the first pass keeps only the attributes the filter tests; the selected
/// entries are then decoded in full when the output needs every attribute.
struct NodeSelection {
    var names: [String]
    var nodes: [Node]

    /// Prints a file error and ends the command with ``ExitStatus/badInput``.
    static func select(from path: String, filter: Filter, fullNodes: Bool) throws -> NodeSelection {
        do {
            return try read(path, filter, fullNodes)
        } catch {
            Terminal.error("error: \(error)\n")
            throw ExitStatus.badInput
        }
    }

    private static func read(_ path: String, _ filter: Filter, _ fullNodes: Bool) throws(NodeFileError) -> NodeSelection {
            let contents = try NodeFile.load(path: path)
            guard contents.format == .json else {
                let nodes = try contents.decode()
                let rows = selected(NodeTable(nodes), filter)
                let chosen = rows.map { nodes[$0] }
                return NodeSelection(names: chosen.map(\.name), nodes: chosen)
            }
            let entries = try ResourceJSON.decode(contents.bytes, file: contents.file, keeping: filter.expression.attributeNames)
            let rows = selected(NodeTable(entries.lazy.map(\.node)), filter)
            var nodes: [Node] = []
            if fullNodes {
                for row in rows {
                    let entry = entries[row]
                    if let node = try ResourceJSON.decodeEntry(contents.bytes, range: entry.range, key: entry.node.name, file: contents.file) {
                        nodes.append(node)
                    }
                }
            }
            return NodeSelection(names: rows.map { entries[$0].node.name }, nodes: nodes)
    }

    private static func selected(_ table: NodeTable, _ filter: Filter) -> [Int] {
        let (rows, limitHits) = filter.select(in: table)
        if limitHits > 0 {
            Terminal.error("warning: \(limitHits) regex match\(limitHits == 1 ? "" : "es") hit PCRE2's backtracking limit and counted as no match\n")
        }
        return rows.rows
    }
}
