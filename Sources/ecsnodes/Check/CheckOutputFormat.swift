import ArgumentParser

/// How `check` prints its reports.
enum CheckOutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// A table of nodes and checks, each problem with its fix, and a summary line.
    case table
    /// One JSON document: every node's checks and the counts.
    case json
}
