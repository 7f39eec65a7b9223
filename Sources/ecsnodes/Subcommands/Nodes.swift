import ArgumentParser
import FilterLang
import NodeModel

extension ECSNodes {
    /// Lists the nodes of an inventory that match a filter.
    struct Nodes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the nodes that match a filter",
            discussion: """
                Reads a Rundeck resource-json or resource-yaml inventory (--from FILE, or - for standard \
                input) and prints the nodes a filter selects. Without -F or --where every node is selected.

                Examples:
                  ecsnodes nodes --from examples/fleet.json -F 'ECS:Container-Image: .*spring.*' -o names
                  ecsnodes nodes --from fleet.yaml --where 'ECS:CPU >= 512 and not ECS:Service-Name' -o json
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Read nodes from FILE (resource-json or resource-yaml; - for standard input).", valueName: "file"),
                completion: .file(extensions: ["json", "yaml", "yml"]))
        var from: String

        @Option(name: [.customShort("o"), .long], help: "Output: table, json (resource-json), yaml (resource-yaml) or names.")
        var output: OutputFormat = .table

        @Option(help: ArgumentHelp("Table columns, comma-separated (default: name and the main ECS attributes).", valueName: "a,b,…"))
        var columns: String?

        func run() throws {
            let filter = try filter.compiled()
            let selection = try NodeSelection.select(from: from, filter: filter, fullNodes: output != .names)
            switch output {
            case .names: Terminal.output(selection.names.sorted { $0.precedesBytewise($1) }.map { $0 + "\n" }.joined())
            case .json: Terminal.output(ResourceJSON.encode(selection.nodes))
            case .yaml: Terminal.output(ResourceYAML.encode(selection.nodes))
            case .table:
                let columns = columns.map { $0.split(separator: ",").map(String.init) } ?? NodeTableRenderer.defaultColumns(for: selection.nodes)
                Terminal.output(NodeTableRenderer.render(selection.nodes, columns: columns))
            }
        }
    }
}
