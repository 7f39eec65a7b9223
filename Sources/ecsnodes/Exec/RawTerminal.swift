#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataChannel
import Synchronization

/// The local terminal of an interactive session: raw mode on standard input while the session
/// runs, and its size.
///
/// Raw mode (`cfmakeraw`): no echo, no line editing, no signals from Ctrl-C / Ctrl-Z /
/// Ctrl-\ (they reach the remote terminal as the bytes 0x03, 0x1A, 0x1C), no output
/// processing (the remote PTY already writes CRLF). The settings found at start are put back
/// by ``restore()``, which is safe to call more than once and from a signal handler's queue;
/// every exit path of `ecsnodes shell` calls it.
enum RawTerminal {
    /// The settings to put back; nil when raw mode was not entered.
    private static let saved = Mutex<termios?>(nil)

    /// Whether standard input is a terminal.
    static var inputIsTerminal: Bool { isatty(0) == 1 }

    /// Puts standard input in raw mode; false when it is not a terminal (nothing changed).
    @discardableResult
    static func enter() -> Bool {
        guard inputIsTerminal else { return false }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return false }
        var raw = original
        cfmakeraw(&raw)
        saved.withLock { $0 = original }
        return tcsetattr(0, TCSADRAIN, &raw) == 0
    }

    /// Puts the settings found by ``enter()`` back (once; later calls do nothing).
    static func restore() {
        guard var original = saved.withLock({ state -> termios? in
            defer { state = nil }
            return state
        }) else { return }
        _ = tcsetattr(0, TCSADRAIN, &original)
    }

    /// Whether raw mode is on (so text written to standard error needs CRLF).
    static var isRaw: Bool { saved.withLock { $0 != nil } }

    /// The terminal's size, from standard output, else standard input; nil when neither is a
    /// terminal.
    static func size() -> SizeContent? {
        for descriptor in [Int32(1), 0, 2] {
            var window = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
                return SizeContent(cols: UInt32(window.ws_col), rows: UInt32(window.ws_row))
            }
        }
        return nil
    }
}
