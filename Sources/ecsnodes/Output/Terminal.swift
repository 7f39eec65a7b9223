import Foundation

/// Writing to standard output and standard error.
enum Terminal {
    /// Writes `text` to standard error as is.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `bytes` to standard output in one call.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal (colour and progress only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes a diagnostic (`error:`, `warning:`, `note:`, `hint:` lines, caret lines) to
    /// standard error, in colour when it is a terminal and `NO_COLOR` is not set.
    static func diagnostic(_ text: String) {
        let colour = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        guard colour else { return error(text) }
        let styled = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for (prefix, code) in [("error:", "1;31"), ("warning:", "1;33"), ("note:", "1;36"), ("hint:", "1;36")] where line.hasPrefix(prefix) {
                return "\u{1B}[\(code)m\(prefix)\u{1B}[0m\(line.dropFirst(prefix.count))"
            }
            let isCaret = line.contains("^") && line.allSatisfy { $0 == " " || $0 == "^" || $0 == "~" }
            return isCaret ? "\u{1B}[1;32m\(line)\u{1B}[0m" : String(line)
        }
        error(styled.joined(separator: "\n"))
    }
}
