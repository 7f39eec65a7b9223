import ArgumentParser
import FilterLang
import Foundation

extension ECSNodes {
    /// `ecsnodes filter …`: tools for writing filters.
    struct FilterCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "filter",
            abstract: "Check and explain node filters",
            subcommands: [Explain.self]
        )
    }
}

extension ECSNodes.FilterCommand {
    /// Prints how a filter is parsed and what each part matches.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the parsed tree of a filter",
            discussion: """
                Reads FILTER in Rundeck's language (or an extended expression with --where) and prints \
                the tokens, Rundeck's include and exclude maps and the tree ecsnodes evaluates. A \
                filter with a syntax error is shown with a caret under the column, exit status 2.
                """
        )

        @Argument(help: "The filter (Rundeck's language unless --where is given).")
        var filter: String

        @Flag(name: [.customShort("W"), .customLong("where")], help: "Read FILTER as an extended expression.")
        var extended = false

        @Option(help: ArgumentHelp("Rundeck exclude precedence.", valueName: "true|false"))
        var excludePrecedence: Bool = true

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let options = try FilterOptions.parse(extended ? ["-W", filter] : ["-F", filter, "--exclude-precedence", "\(excludePrecedence)"])
            let compiled = try options.compiled()
            Terminal.output(json ? FilterExplanation.json(compiled) : FilterExplanation.text(compiled))
        }
    }
}
