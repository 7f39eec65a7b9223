import ArgumentParser

/// The exit statuses of ecsnodes; README's "Exit status" table documents them.
enum ExitStatus {
    /// Success (also when a filter selects no node).
    static let success = ExitCode(0)
    /// A filter could not be parsed: the message shows where and why.
    static let badFilter = ExitCode(2)
    /// A node file (or the node cache) could not be read, parsed or written: the message names the file.
    static let badInput = ExitCode(3)
    /// An AWS API call failed (signature, permission, missing cluster, throttling after
    /// retries): the message names the call, the resource and the likely fix.
    static let awsError = ExitCode(4)
    /// No usable credentials or region, or a broken shared config file.
    static let credentials = ExitCode(5)
    /// The network failed (connection, TLS, timeout) after retries.
    static let network = ExitCode(6)
    /// Some regions or clusters could not be listed: the others' nodes were printed, and each
    /// failure was reported on standard error.
    static let partial = ExitCode(7)
    /// exec: some node's command exited with a non-zero status (every node was reached).
    static let nodesFailed = ExitCode(1)
    /// exec: some node was lost (the session ended without the exit status: disconnect,
    /// timeout) or could not be reached (ExecuteCommand or the WebSocket failed).
    static let nodesLost = ExitCode(8)
    /// exec: every node that ran exited 0, but some were skipped (preflight).
    static let nodesSkipped = ExitCode(9)
    /// check: some node failed a check (ECS Exec cannot work there until it is fixed).
    static let checksFailed = ExitCode(10)
    /// exec: interrupted (Ctrl-C); sessions were closed and the summary printed.
    static let interrupted = ExitCode(130)
    /// The command line itself is wrong (argument-parser's usage error).
    static let usage = ExitCode.validationFailure
}
