import ArgumentParser
import FilterLang
import NodeModel
import NodeSource

extension ECSNodes {
    /// Lists the nodes of an inventory that match a filter.
    struct Nodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the nodes that match a filter",
            discussion: """
                Lists the containers of the running ECS tasks of a live account (one node per container, \
                cached for --max-age seconds), or reads a Rundeck resource-json or resource-yaml inventory \
                (--from FILE, or - for standard input), and prints the nodes a filter selects. Without -F \
                or --where every node is selected.

                Examples:
                  ecsnodes nodes --region eu-west-1 -F 'ECS:Container-Image: .*spring.*'
                  ecsnodes nodes --profile prod --cluster payments -o json > payments.json
                  ecsnodes nodes --from examples/fleet.json -F 'ECS:Container-Image: .*spring.*' -o names
                  ecsnodes nodes --from fleet.yaml --where 'ECS:CPU >= 512 and not ECS:Service-Name' -o json
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Read nodes from FILE (resource-json or resource-yaml; - for standard input) instead of ECS.", valueName: "file"),
                completion: .file(extensions: ["json", "yaml", "yml"]))
        var from: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Option(name: [.customShort("o"), .long], help: "Output: table, json (resource-json), yaml (resource-yaml) or names.")
        var output: OutputFormat = .table

        @Option(name: .customLong("attribute"), help: ArgumentHelp("Set KEY to VALUE on every node printed (repeatable), e.g. node-executor=ecsnodes-exec.", valueName: "key=value"))
        var extraAttributes: [String] = []

        @Option(help: ArgumentHelp("Table columns, comma-separated (default: name and the main ECS attributes).", valueName: "a,b,…"))
        var columns: String?

        func validate() throws {
            for pair in extraAttributes where pair.firstIndex(of: "=").map({ $0 == pair.startIndex }) ?? true {
                throw ValidationError("--attribute takes key=value, got '\(pair)'")
            }
        }

        func run() async throws {
            let filter = try filter.compiled()
            var failures: [PollFailure] = []
            var selection = if let from {
                try NodeSelection.select(from: from, filter: filter, fullNodes: output != .names)
            } else {
                try await LiveInventory(options: source).select(filter, fullNodes: output != .names, failures: &failures)
            }
            selection.setting(extraAttributes)
            switch output {
            case .names: Terminal.output(selection.names.sorted { $0.precedesBytewise($1) }.map { $0 + "\n" }.joined())
            case .json: Terminal.output(ResourceJSON.encode(selection.nodes))
            case .yaml: Terminal.output(ResourceYAML.encode(selection.nodes))
            case .table:
                let columns = columns.map { $0.split(separator: ",").map(String.init) } ?? NodeTableRenderer.defaultColumns(for: selection.nodes)
                Terminal.output(NodeTableRenderer.render(selection.nodes, columns: columns))
            }
            if !failures.isEmpty { throw ExitStatus.partial }
        }
    }
}
