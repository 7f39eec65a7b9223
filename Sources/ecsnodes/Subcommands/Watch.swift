import ArgumentParser
import Foundation

extension WatchFormat: ExpressibleByArgument {}

extension ECSNodes {
    /// Polls the inventory and prints the nodes that come, go or change.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print nodes as they are added, removed or changed",
            discussion: """
                Polls the live inventory (or re-reads --from FILE) every --interval seconds and prints \
                what changed among the nodes the filter selects; at the first poll every node is added. \
                Stops after --polls polls, or on Ctrl-C.

                Example:
                  ecsnodes watch --region eu-west-1 --cluster payments -F 'ECS:Container-Name: app' -o jsonl
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Watch a resource-json or resource-yaml file instead of ECS.", valueName: "file"))
        var from: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Option(help: ArgumentHelp("Seconds between polls (default 10).", valueName: "seconds"))
        var interval: Double = 10

        @Option(help: ArgumentHelp("Stop after this many polls (default: never).", valueName: "n"))
        var polls: Int?

        @Option(name: [.customShort("o"), .long], help: "Output: text, or jsonl (a JSON object per change).")
        var output: WatchFormat = .text

        func validate() throws {
            guard interval > 0 else { throw ValidationError("--interval must be more than 0 seconds") }
            guard (polls ?? 1) >= 1 else { throw ValidationError("--polls must be at least 1") }
        }

        func run() async throws {
            let watcher = InventoryWatcher(from: from, source: source, filter: try filter.compiled(),
                                           interval: .milliseconds(Int(interval * 1000)), polls: polls)
            try await watcher.run { changes in Terminal.output(output.render(changes)) }
        }
    }
}
