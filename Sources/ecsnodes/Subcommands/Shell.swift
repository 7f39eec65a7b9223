import ArgumentParser
import Executor
import FilterLang
import Foundation

extension ECSNodes {
    /// An interactive shell in one container, through ECS Exec.
    struct Shell: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open an interactive shell in one container, through ECS Exec",
            discussion: """
                Starts an ECS Exec session (no session-manager-plugin needed) in the container of NODE and \
                runs /bin/sh there (or --command) on a pseudo-terminal. The local terminal is put in raw \
                mode for the session and restored after it: every key goes to the container (Ctrl-C, \
                Ctrl-D and Ctrl-Z too), and its size follows the local window. ecsnodes exits with the \
                remote command's exit status. When standard input is not a terminal, its lines are sent \
                as typed and its end as one Ctrl-D, so a script can drive the shell.

                Examples:
                  ecsnodes shell web-3f9c2a --region eu-west-1
                  ecsnodes shell web-3f9c2a --command 'bash -l'
                  ecsnodes nodes -o json > nodes.json; ecsnodes shell --nodes-from nodes.json web-3f9c2a
                """
        )

        @Argument(help: ArgumentHelp("The node's name, as 'ecsnodes nodes -o names' prints it.", valueName: "node"))
        var node: String

        @Option(help: ArgumentHelp("The command to run interactively (default /bin/sh).", valueName: "command"))
        var command: String = "/bin/sh"

        @Option(help: ArgumentHelp("Read nodes from FILE (as 'ecsnodes nodes -o json' prints; - for standard input is not allowed here).",
                                   valueName: "file"))
        var nodesFrom: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Flag(help: "Run even when the node's ECS:Exec-Enabled is not true or its ECS:Exec-Agent-Status is not RUNNING.")
        var noPreflight = false

        @Flag(help: "Log data-channel events to standard error; never keys or tokens.")
        var debug = false

        func validate() throws {
            guard nodesFrom != "-" else { throw ValidationError("standard input is the terminal in a shell: give --nodes-from a file") }
            guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--command must not be empty") }
        }

        func run() async throws {
            let nodes = try await ExecNodes.select(filter: .all, names: [node], file: nodesFrom, source: source)
            guard nodes.count == 1, let selected = nodes.first else {
                Terminal.diagnostic("error: \(nodes.count) nodes are named '\(node)'; a shell needs exactly one\n")
                throw ExitStatus.badInput
            }
            throw ExitCode(try await ShellRun(node: selected, command: command, source: source, preflight: !noPreflight, debug: debug).run())
        }
    }
}
