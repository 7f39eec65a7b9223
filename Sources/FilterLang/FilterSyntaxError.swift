/// An error in a filter, with the part of the filter text it concerns.
public struct FilterSyntaxError: Error, Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A `/…/` selector or a `~` operand that is not a valid regular expression (the message
        /// is PCRE2's, or names the Java rule it breaks).
        case invalidRegex(String)
        /// A `(` whose `)` never comes.
        case unterminatedGroup
        /// A `)` with no `(` before it.
        case unbalancedCloseParen
        /// A quoted string whose closing quote never comes (extended expressions only).
        case unterminatedString
        /// `and`, `or` or `not` with no operand where one must follow.
        case danglingOperator(String)
        /// A comparison operator with no value after it.
        case missingValue(after: String)
        /// A numeric comparison whose operand is not a number.
        case notANumber(String)
        /// A numeric comparison against tags, which are not numbers.
        case tagsAreNotNumbers
        /// Something other than an attribute name where a test must start.
        case expectedAttribute(found: String)
        /// Parentheses nested deeper than ``FilterSyntaxError/maximumNesting``.
        case nestingTooDeep
    }

    /// Deepest nesting of groups and `not` that a filter may use.
    public static let maximumNesting = 100

    public var kind: Kind
    /// UTF-8 offsets into the filter text.
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

extension FilterSyntaxError: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .invalidRegex(let message): "invalid regular expression: \(message)"
        case .unterminatedGroup: "'(' is never closed"
        case .unbalancedCloseParen: "')' without a matching '('"
        case .unterminatedString: "unterminated quoted string"
        case .danglingOperator(let op): "'\(op)' needs an operand after it"
        case .missingValue(let op): "expected a value after '\(op)'"
        case .notANumber(let text): "'\(text)' is not a number"
        case .tagsAreNotNumbers: "tags cannot be compared as numbers"
        case .expectedAttribute(let found): "expected an attribute name, found \(found)"
        case .nestingTooDeep: "expression nested more than \(Self.maximumNesting) levels deep"
        }
    }

    /// A one-line suggestion for fixing the filter.
    public var hint: String {
        switch kind {
        case .invalidRegex: "regexes use Java's syntax; escape special characters with '\\' (in -F, a selector without the /…/ slashes falls back to plain equality)"
        case .unterminatedGroup: "add the missing ')'"
        case .unbalancedCloseParen: "remove the ')' or add a '(' before it"
        case .unterminatedString: "close the quote; a quote inside a quoted string is written twice ('' or \"\")"
        case .danglingOperator: "remove the operator or add the test it combines"
        case .missingValue(let op): "write a value after '\(op)', quoted if it has spaces or parentheses"
        case .notANumber: "'<', '<=', '>' and '>=' compare numbers, e.g. ECS:CPU >= 512"
        case .tagsAreNotNumbers: "use tags = NAME, tags ~ REGEX or tags *= TEXT"
        case .expectedAttribute: "a test is ATTRIBUTE, or ATTRIBUTE OPERATOR VALUE; quote names that contain operators"
        case .nestingTooDeep: "simplify the expression"
        }
    }
}
