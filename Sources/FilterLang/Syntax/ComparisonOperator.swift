/// An operator of the extended language, with its `i` (case-insensitive) modifier.
struct ComparisonOperator {
    /// The operator symbols, longest first so that `==` is read before `=`.
    enum Symbol: String, CaseIterable {
        case doubleEquals = "==", notEquals = "!=", notMatches = "!~", contains = "*=", prefix = "^="
        case suffix = "$=", lessOrEqual = "<=", greaterOrEqual = ">=", equals = "=", matches = "~"
        case less = "<", greater = ">"

        var allowsCaseInsensitive: Bool {
            switch self {
            case .less, .lessOrEqual, .greater, .greaterOrEqual: false
            default: true
            }
        }
    }

    var symbol: Symbol
    var caseInsensitive: Bool

    /// The operator as written.
    var text: String { symbol.rawValue + (caseInsensitive ? "i" : "") }

    /// The test `key OP value`, compiled.
    func test(key: AttributeKey, value: LocatedText, range: Range<Int>) throws(FilterSyntaxError) -> Expression {
        let predicate: Predicate
        var negate = false
        switch symbol {
        case .equals, .doubleEquals, .notEquals:
            negate = symbol == .notEquals
            predicate = caseInsensitive
                ? .pattern(TextPattern(literal: value.text, kind: .equals, caseInsensitive: true))
                : .equals(value.text)
        case .matches, .notMatches:
            negate = symbol == .notMatches
            do {
                predicate = .pattern(try TextPattern(regex: value.text, caseInsensitive: caseInsensitive))
            } catch {
                let at = value.sourceOffset(error.offset)
                throw FilterSyntaxError(kind: .invalidRegex(error.message), range: at..<(at + 1))
            }
        case .contains, .prefix, .suffix:
            let kind: TextPattern.Kind = symbol == .contains ? .contains : symbol == .prefix ? .prefix : .suffix
            predicate = .pattern(TextPattern(literal: value.text, kind: kind, caseInsensitive: caseInsensitive))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard key != .tags else { throw FilterSyntaxError(kind: .tagsAreNotNumbers, range: range) }
            guard let number = Self.number(value.text) else {
                throw FilterSyntaxError(kind: .notANumber(value.text), range: value.range)
            }
            predicate = .compare(NumericComparison(op: NumericComparison.Operator(rawValue: symbol.rawValue)!, number: number))
        }
        let test = Expression.test(Test(key: key, predicate: predicate, range: range))
        return negate ? .not(test) : test
    }

    /// A decimal number: optional sign, digits, optional fraction and exponent.
    static func number(_ text: String) -> Double? {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { (48...57).contains($0) }
        guard !digits.isEmpty else { return nil }
        var rest = bytes.dropFirst(digits.count)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            rest = rest.drop { (48...57).contains($0) }
        }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "-") || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let exponent = rest.prefix { (48...57).contains($0) }
            guard !exponent.isEmpty else { return nil }
            rest = rest.dropFirst(exponent.count)
        }
        guard rest.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
