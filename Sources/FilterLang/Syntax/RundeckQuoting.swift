/// Writes tokens back into one filter string, as Rundeck's `OptsUtil.join` does.
///
/// A token is wrapped in double quotes when it is empty or contains a space, a quote, CR or
/// LF; a double quote inside is doubled. ``RundeckTokenizer`` reads the result back.
public enum RundeckQuoting {
    public static func join(_ tokens: [String]) -> String {
        tokens.map(quote).joined(separator: " ")
    }

    /// One token, quoted if it needs to be.
    public static func quote(_ token: String) -> String {
        let special: Set<Character> = [" ", "\"", "'", "\r", "\n"]
        guard token.isEmpty || token.unicodeScalars.contains(where: { special.contains(Character($0)) }) else {
            return token
        }
        return "\"" + token.replacingOccurrences("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation needed).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// Java's `String.split` on a single literal character: trailing empty strings are
    /// dropped, leading ones kept, and a string without the separator is returned whole.
    func javaSplit(_ separator: Character) -> [String] {
        guard contains(separator) else { return [self] }
        var parts = split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        while parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }
}
