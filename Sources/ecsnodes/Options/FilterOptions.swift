import ArgumentParser
import FilterLang
import NodeModel

/// `-F/--filter` (Rundeck's language), `-W/--where` (extended expressions) and exclude precedence.
struct FilterOptions: ParsableArguments {
    @Option(name: [.customShort("F"), .long], help: ArgumentHelp(
        "A node filter in Rundeck's language, e.g. 'ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2'.",
        valueName: "filter"))
    var filter: String?

    @Option(name: [.customShort("W"), .customLong("where")], help: ArgumentHelp(
        "An extended filter expression, e.g. 'ECS:CPU >= 512 and (tags = web or name ~ api-.*)'; with -F, both must hold.",
        valueName: "expression"))
    var expression: String?

    @Option(help: ArgumentHelp(
        "Whether the exclude side of a Rundeck filter wins over its include side (Rundeck's default: true).",
        valueName: "true|false"))
    var excludePrecedence: Bool = true

    /// The compiled filter: every node when no filter is given. A syntax error is printed with
    /// a caret under its column and ends the command with ``ExitStatus/badFilter``.
    func compiled() throws -> Filter {
        var result: Filter?
        if let filter {
            if filter.isJavaBlank {
                Terminal.diagnostic("note: an empty Rundeck filter selects no nodes (use '.*' for all)\n")
            }
            result = try Self.compile(filter) { text throws(FilterSyntaxError) in
                try Filter(rundeck: text, excludePrecedence: excludePrecedence)
            }
        }
        if let expression {
            let extended = try Self.compile(expression) { text throws(FilterSyntaxError) in try Filter(expression: text) }
            result = result.map { $0.and(extended) } ?? extended
        }
        return result ?? .all
    }

    private static func compile(_ text: String, _ make: (String) throws(FilterSyntaxError) -> Filter) throws -> Filter {
        do {
            return try make(text)
        } catch {
            Terminal.diagnostic(error.rendered(filter: text) + "\n")
            throw ExitStatus.badFilter
        }
    }
}
