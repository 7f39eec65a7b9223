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
}
