import NodeModel
import CPCRE2

/// A string test run through PCRE2: a full-match regex, or a literal compared as a whole,
/// as a prefix, suffix or substring, optionally case-insensitively.
public struct TextPattern: Sendable {
    /// How the value relates to the text.
    public enum Kind: String, Sendable {
        case regex, equals, contains, prefix, suffix
    }

    public let kind: Kind
    public let text: String
    public let caseInsensitive: Bool
    let regex: PCRE2Regex

    /// A Java regex (`~`, `~i`); throws with the pattern offset where Java would reject it.
    init(regex text: String, caseInsensitive: Bool) throws(JavaRegexError) {
        let compiled = try JavaRegex(text, caseInsensitive: caseInsensitive)
        self.kind = .regex
        self.text = text
        self.caseInsensitive = caseInsensitive
        self.regex = compiled.regex
    }

    /// A literal compared as `kind` says.
    init(literal text: String, kind: Kind, caseInsensitive: Bool) {
        self.kind = kind
        self.text = text
        self.caseInsensitive = caseInsensitive
        let options = PCRE2_LITERAL | (caseInsensitive ? PCRE2_CASELESS : 0)
        // A literal pattern always compiles.
        self.regex = try! PCRE2Regex(text, options: options,
                                     anchoredStart: kind == .equals || kind == .prefix,
                                     anchoredEnd: kind == .equals || kind == .suffix)
    }

    @inline(__always)
    public func matches(_ value: String, scratch: RegexScratch) -> Bool { regex.matches(value, scratch: scratch) }
}

/// `<`, `<=`, `>`, `>=` against a number.
public struct NumericComparison: Sendable {
    public enum Operator: String, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public let op: Operator
    public let number: Double

    /// Whether `value`, read as a decimal number, compares true; non-numbers never do.
    public func matches(_ value: String) -> Bool {
        guard let actual = Double(value.javaTrimmed), actual.isFinite else { return false }
        switch op {
        case .less: return actual < number
        case .lessOrEqual: return actual <= number
        case .greater: return actual > number
        case .greaterOrEqual: return actual >= number
        }
    }
}
