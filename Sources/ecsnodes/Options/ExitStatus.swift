import ArgumentParser

/// The exit statuses of ecsnodes; README's "Exit status" table documents them.
enum ExitStatus {
    /// Success (also when a filter selects no node).
    static let success = ExitCode(0)
    /// A filter could not be parsed: the message shows where and why.
    static let badFilter = ExitCode(2)
    /// A node file could not be read or parsed: the message names the file and position.
    static let badInput = ExitCode(3)
    /// The command line itself is wrong (argument-parser's usage error).
    static let usage = ExitCode.validationFailure
}
