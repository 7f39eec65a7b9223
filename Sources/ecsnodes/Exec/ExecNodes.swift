import FilterLang
import NodeModel
import NodeSource

/// The nodes `exec` and `shell` work on: from a node file or the live inventory, filtered,
/// then narrowed to the given names.
enum ExecNodes {
    static func select(filter: Filter, names: [String], file: String?, source: SourceOptions) async throws -> [Node] {
        var failures: [PollFailure] = []
        var nodes = if let file {
            try NodeSelection.select(from: file, filter: filter, fullNodes: true).nodes
        } else {
            try await LiveInventory(options: source).select(filter, fullNodes: true, failures: &failures).nodes
        }
        if !names.isEmpty {
            let known = Set(nodes.map(\.name))
            let unknown = names.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                Terminal.diagnostic("error: no selected node is named \(unknown.map { "'\($0)'" }.joined(separator: ", "))\nhint: list the names with ecsnodes nodes -o names\n")
                throw ExitStatus.badInput
            }
            nodes = nodes.filter { names.contains($0.name) }
        }
        if !failures.isEmpty { Terminal.diagnostic("warning: some regions or clusters could not be listed; running on the nodes found\n") }
        return nodes
    }
}
