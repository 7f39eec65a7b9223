/// POSIX shell quoting.
public enum ShellQuoting {
    /// `text` as one shell word that the shell takes literally: in single quotes, each `'`
    /// written as `'\''`. `$`, backticks, `\`, `"` and newlines inside are inert. The agent's
    /// command-line splitting reads single quotes the same way.
    public static func quote(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}
