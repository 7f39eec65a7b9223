import ArgumentParser
import AWSHTTP
import NodeModel
import NodeSource

extension ECSNodes {
    /// Checks, for every selected node, whether ECS Exec can work and if not why.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check whether ECS Exec can reach the containers that match a filter, and why not",
            discussion: """
                For every selected node (default: all): ECS Exec enabled on the task, the ExecuteCommandAgent \
                RUNNING, the task RUNNING, Fargate platform version 1.4.0 or later, a task role on the task \
                definition (DescribeTaskDefinition), and the cluster's executeCommandConfiguration (KMS key, \
                logging; DescribeClusters). Each check is ok, warn, fail or unknown with a reason and a fix. \
                The caller's ecs:ExecuteCommand permission is reported unknown (not checked). Exits 10 when a \
                node fails a check.

                Examples:
                  ecsnodes check --region eu-west-1 --cluster payments
                  ecsnodes check --profile prod -F 'ECS:Service-Name: web' -o json
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Read nodes from FILE (resource-json or resource-yaml; - for standard input) instead of listing them.", valueName: "file"))
        var from: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Option(name: [.customShort("o"), .long], help: "Output: table (with each problem's fix and a summary) or json.")
        var output: CheckOutputFormat = .table

        func run() async throws {
            let nodes = try await selectNodes()
            let setup = try await ExecSetup(options: source, parallel: 8, debug: nil)
            defer { setup.transport.close() }
            let clients = setup.clients
            let checker = ExecChecker(lookups: await .fetch(for: nodes, concurrency: source.concurrency) { clients.client(for: $0) })
            let reports = nodes.map(checker.report)
            Terminal.output(output == .json ? CheckReportRenderer.json(reports) : CheckReportRenderer.table(reports))
            if reports.contains(where: { $0.worst == .fail }) { throw ExitStatus.checksFailed }
        }

        private func selectNodes() async throws -> [Node] {
            let filter = try filter.compiled()
            var failures: [PollFailure] = []
            let nodes = if let from {
                try NodeSelection.select(from: from, filter: filter, fullNodes: true).nodes
            } else {
                try await LiveInventory(options: source).select(filter, fullNodes: true, failures: &failures).nodes
            }
            return nodes.sorted { $0.name.precedesBytewise($1.name) }
        }
    }
}
