import ArgumentParser
import Executor
import FilterLang
import Foundation
import NodeModel
import NodeSource

extension ECSNodes {
    /// Runs a command in every selected container through ECS Exec.
    struct Exec: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a command in the containers that match a filter, through ECS Exec",
            discussion: """
                Starts an ECS Exec session (ExecuteCommand, then the Session Manager data channel, no \
                session-manager-plugin needed) in each selected container, at most --parallel at a time, and \
                prints each line of output after the node's name. The command runs under /bin/sh in a \
                pseudo-terminal: standard error is merged into standard output, and standard input is empty. \
                ${node.ATTRIBUTE} in the command is replaced by the node's attribute, shell-quoted. \
                The exit status is 0 when every node's command exited 0 (README: "Exit status").

                Examples:
                  ecsnodes exec --region eu-west-1 -F 'ECS:Container-Name: web' -- 'nginx -t'
                  ecsnodes exec --cluster prod -F 'ECS:Service-Name: payments' --group -- cat /proc/meminfo
                  ecsnodes nodes -F 'tags: prod' -o json | ecsnodes exec --nodes-from - -o jsonl -- 'echo ${node.ECS:Task-ID}'
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(name: .customLong("node"), help: ArgumentHelp("Only the node of this name (repeatable).", valueName: "name"))
        var nodeNames: [String] = []

        @Option(help: ArgumentHelp("Read nodes from FILE (resource-json or resource-yaml as 'ecsnodes nodes -o json' prints; - for standard input).",
                                   valueName: "file"))
        var nodesFrom: String?

        @Option(help: ArgumentHelp("The same as --nodes-from.", valueName: "file"))
        var from: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Option(help: "Sessions at a time (default 32).")
        var parallel: Int = 32

        @Flag(help: "Start every node even after one has failed (by default no new node starts once one fails).")
        var keepGoing = false

        @Option(help: ArgumentHelp("The most one node may take, e.g. 30s, 5m (default: no limit).", valueName: "duration"))
        var timeout: DurationArgument?

        @Flag(help: "Print each node's whole output when it finishes, under '==> NODE <==', instead of prefixed lines.")
        var group = false

        @Flag(help: "Exactly one node: its command's bytes on standard output, nothing else, and its exit status as ecsnodes' (for Rundeck's node executor).")
        var raw = false

        @Option(name: [.customShort("o"), .long], help: "Output: text (NODE| line) or jsonl (an object per line and per node).")
        var output: ExecOutputMode = .text

        @Flag(help: "Run even on nodes whose ECS:Exec-Enabled is not true or whose ECS:Exec-Agent-Status is not RUNNING.")
        var noPreflight = false

        @Flag(name: [.customShort("i"), .customLong("interactive")],
              help: "With -t: run the command interactively on exactly one node, as 'ecsnodes shell' does (keys forwarded, raw terminal).")
        var interactive = false

        @Flag(name: [.customShort("t"), .customLong("tty")], help: "With -i: see --interactive.")
        var tty = false

        @Flag(help: "Log data-channel events (frames in and out by type and sequence number, acknowledgements, resends) to standard error; never keys or tokens.")
        var debug = false

        @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command, after --; several words are joined with spaces, as ssh does.", valueName: "command"))
        var command: [String] = []

        func validate() throws {
            let words = command.first == "--" ? Array(command.dropFirst()) : command
            guard !words.isEmpty, !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("give the command after --, e.g. ecsnodes exec -F 'ECS:Container-Name: web' -- uptime")
            }
            guard filter.filter != nil || filter.expression != nil || !nodeNames.isEmpty || nodesFrom != nil || from != nil else {
                throw ValidationError("choose nodes with -F, --where, --node or --nodes-from (-F '.*' selects every node)")
            }
            guard nodesFrom == nil || from == nil else { throw ValidationError("give --nodes-from or --from, not both") }
            guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
            guard interactive == tty else { throw ValidationError("give -i and -t together (-it) for an interactive session") }
            guard !(group && output == .jsonl) else { throw ValidationError("--group prints text; it cannot be combined with -o jsonl") }
            guard !(raw && (group || output == .jsonl)) else { throw ValidationError("--raw cannot be combined with --group or -o jsonl") }
        }

        func run() async throws {
            let template = CommandTemplate((command.first == "--" ? Array(command.dropFirst()) : command).joined(separator: " "))
            let nodes = try await selectNodes()
            if interactive {
                guard nodes.count == 1, let node = nodes.first else {
                    Terminal.diagnostic("error: exec -it runs on exactly one node, and \(nodes.count) were selected\nhint: choose it with --node NAME\n")
                    throw ExitStatus.usage
                }
                let rendered: String
                do {
                    rendered = try template.render(for: node)
                } catch {
                    Terminal.diagnostic("error: \(error)\n")
                    throw ExitStatus.usage
                }
                throw ExitCode(try await ShellRun(node: node, command: rendered, source: source, preflight: !noPreflight, debug: debug).run())
            }
            let plan = try ExecPlan(nodes: nodes, command: template, preflight: !noPreflight)
            if nodes.isEmpty { Terminal.diagnostic("note: no node matched; nothing was run\n") }
            if raw, nodes.count != 1 { throw ValidationError("--raw runs on exactly one node; \(nodes.count) were selected") }
            let summary = try await ExecRun(plan: plan, source: source, options: runOptions).run()
            Terminal.error(raw ? summary.rawText : summary.text)
            throw raw ? summary.rawExitStatus : summary.exitStatus
        }

        private var runOptions: ExecRun.Options {
            ExecRun.Options(fanOut: FanOut(parallel: parallel, keepGoing: keepGoing, timeout: timeout?.duration),
                            style: raw ? .raw : group ? .group : output == .jsonl ? .jsonl : .lines, debug: debug)
        }

        /// The nodes the filter, the node names and the source select.
        private func selectNodes() async throws -> [Node] {
            try await ExecNodes.select(filter: try filter.compiled(), names: nodeNames, file: nodesFrom ?? from, source: source)
        }
    }
}
