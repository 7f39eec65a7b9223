import ArgumentParser

/// How `exec` prints what the commands write.
enum ExecOutputMode: String, ExpressibleByArgument, CaseIterable {
    /// Each line as it arrives, after `NODE| `.
    case text
    /// JSON lines: one object per output line, and one per node's result.
    case jsonl
}
