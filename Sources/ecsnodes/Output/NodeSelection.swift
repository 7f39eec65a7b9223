import FilterLang
import NodeModel

/// Reads an inventory file and applies a filter, reading no more of the file than needed.
///
/// A resource-json file is mapped and scanned once into a table of only the attributes the
/// filter tests; the selected entries are then decoded in full when the output needs every
/// attribute. Resource-yaml is decoded in full.
struct NodeSelection {
    var names: [String]
    var nodes: [Node]

    /// Prints a file error and ends the command with ``ExitStatus/badInput``.
    static func select(from path: String, filter: Filter, fullNodes: Bool) throws -> NodeSelection {
        do {
            return try read(path, filter, fullNodes)
        } catch {
            let hint = if case .unreadable = error.kind {
                "check the path and its permissions; use - for standard input"
            } else {
                "--from reads Rundeck resource-json or resource-yaml (a map from node name to attributes); fix the file at that line and column"
            }
            Terminal.diagnostic("error: \(error)\nhint: \(hint)\n")
            throw ExitStatus.badInput
        }
    }

    /// The nodes of the node file at `path` that `filter` selects, read only as far as the
    /// filter needs (whole nodes only when `fullNodes`).
    static func read(_ path: String, _ filter: Filter, _ fullNodes: Bool) throws(NodeFileError) -> NodeSelection {
        let file = try MappedFile.open(path: path)
        guard file.format == .json else {
            return select(try NodeFile.Contents(file: file.file, bytes: Array(file.bytes), format: file.format).decode(), filter: filter)
        }
        let (table, ranges) = try ResourceJSON.decodeTable(file.bytes, file: file.file, keeping: filter.expression.attributeNames)
        let rows = selected(table, filter)
        var nodes: [Node] = []
        if fullNodes {
            for row in rows {
                let key = table.names[row]
                if let node = try ResourceJSON.decodeEntry(file.bytes, range: ranges[row], key: key, file: file.file) {
                    nodes.append(node)
                }
            }
        }
        return NodeSelection(names: rows.map { table.names[$0] }, nodes: nodes)
    }

    /// Sets each `key=value` of `pairs` on every node (`--attribute`); `nodename` and `tags`
    /// are not attributes and are left alone.
    mutating func setting(_ pairs: [String]) {
        guard !pairs.isEmpty else { return }
        for index in nodes.indices {
            for pair in pairs {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts[0] != "nodename", parts[0] != "tags" else { continue }
                nodes[index].attributes[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
        }
    }

    /// The nodes of a live inventory that `filter` selects.
    static func select(_ nodes: [Node], filter: Filter) -> NodeSelection {
        let chosen = selected(NodeTable(nodes, keeping: filter.expression.attributeNames), filter).map { nodes[$0] }
        return NodeSelection(names: chosen.map(\.name), nodes: chosen)
    }

    private static func selected(_ table: NodeTable, _ filter: Filter) -> [Int] {
        let (rows, limitHits) = filter.select(in: table)
        if limitHits > 0 {
            Terminal.diagnostic("warning: \(limitHits) regex match\(limitHits == 1 ? "" : "es") hit PCRE2's backtracking limit and counted as no match\n")
        }
        return rows.rows
    }
}
