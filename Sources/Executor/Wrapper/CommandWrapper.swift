/// Builds the command line ExecuteCommand asks the agent to run, so that the PTY stream
/// reports the command's exit status and, where it can, carries its bytes unchanged.
///
/// The agent runs the line in a PTY (as `sh -c LINE`, or split into words the way a shell
/// would). The line is
///
///     /bin/sh -c '<script>' <marker> '<command>'
///
/// so the wrapper shell gets the marker as `$0` and the user's command as `$1`, and the
/// script
///
///     if stty -onlcr 2>/dev/null; then m=raw; else m=crlf; fi
///     printf '%s begin %s\n' "$0" "$m"
///     /bin/sh -c "$1" </dev/null
///     s=$?
///     printf '%s end %s\n' "$0" "$s"
///
/// 1. turns off the PTY's LF → CRLF translation (`stty -onlcr`) and says whether that worked
///    (`raw`) or not (`crlf`: the client then turns CRLF back into LF);
/// 2. runs the command in a shell of its own, with standard input from `/dev/null`, so that
///    `exit 3` or `kill -9 $$` in it ends that shell, not the wrapper, and a command that
///    reads standard input sees end-of-file instead of waiting for the session to time out;
/// 3. prints the status `$?` as shells report it: 0–255, or 128 + n when a signal n killed
///    the command.
///
/// Only the wrapper's two lines carry the marker, and ``OutputCleaner`` removes them, so what
/// remains is exactly what the command wrote. The end line starts right after the command's
/// last byte, with no newline of its own before it: the marker is found wherever it starts, and
/// a command's final newline is not held back as "maybe the wrapper's".
/// Standard error goes to the same PTY: it is merged into the output, and programs see a
/// terminal on both (some then colour or page their output).
public struct CommandWrapper: Sendable, Hashable {
    public var marker: ExitMarker

    public init(marker: ExitMarker = ExitMarker()) {
        self.marker = marker
    }

    /// The script the wrapper shell runs; it reads the marker from `$0`, the command from `$1`.
    public static let script = #"if stty -onlcr 2>/dev/null; then m=raw; else m=crlf; fi; printf '%s begin %s\n' "$0" "$m"; /bin/sh -c "$1" </dev/null; s=$?; printf '%s end %s\n' "$0" "$s""#

    /// The script of an interactive session: the command keeps the terminal (standard input,
    /// the PTY's own line discipline and LF → CRLF), so the begin line announces `raw` and
    /// nothing is translated back; only the two marker lines are taken out.
    public static let interactiveScript = #"printf '%s begin raw\n' "$0"; /bin/sh -c "$1"; s=$?; printf '%s end %s\n' "$0" "$s""#

    /// The line for ExecuteCommand's `command` in an interactive session (`ecsnodes shell`).
    public func interactiveCommandLine(for command: String) -> String {
        "/bin/sh -c \(ShellQuoting.quote(Self.interactiveScript)) \(marker.text) \(ShellQuoting.quote(command))"
    }

    /// The line for ExecuteCommand's `command`.
    public func commandLine(for command: String) -> String {
        "/bin/sh -c \(ShellQuoting.quote(Self.script)) \(marker.text) \(ShellQuoting.quote(command))"
    }
}
