/// Parses ecsnodes' extended filter expressions (`--where`).
///
///     Expression -> Or
///     Or         -> And (('or' | '||') And)*
///     And        -> Unary (('and' | '&&')? Unary)*       -- side by side means 'and'
///     Unary      -> ('not' | '!') Unary | Primary
///     Primary    -> '(' Expression ')' | Test
///     Test       -> Name (Operator Value)?               -- a name alone: present, not blank
///     Operator   -> ('=' | '==' | '!=' | '~' | '!~' | '*=' | '^=' | '$=') 'i'?
///                 | '<' | '<=' | '>' | '>='
///
/// Names and values are bare words or quoted strings ('…' or "…", a doubled quote is one
/// quote). A bare name ends before an operator; a bare value ends at whitespace or at a `)`
/// that closes nothing inside it, so `~ .*(spring|boot).*` needs no quotes.
struct ExpressionParser {
    private var source: Source
    private var depth = 0

    /// Parses a whole expression; an empty one is an error.
    static func parse(_ text: String) throws(FilterSyntaxError) -> Expression {
        var parser = ExpressionParser(source: Source(text))
        parser.source.skipWhitespace()
        guard !parser.source.isAtEnd else {
            throw FilterSyntaxError(kind: .expectedAttribute(found: "end of input"), range: 0..<0)
        }
        let expression = try parser.parseOr()
        parser.source.skipWhitespace()
        if !parser.source.isAtEnd {
            let at = parser.source.position
            throw FilterSyntaxError(kind: .unbalancedCloseParen, range: at..<(at + 1))
        }
        return expression
    }

    /// Or -> And (('or' | '||') And)*
    private mutating func parseOr() throws(FilterSyntaxError) -> Expression {
        var operands = [try parseAnd()]
        while true {
            source.skipWhitespace()
            let at = source.position
            guard source.tryEatKeyword("or") || source.tryEat("||") else { break }
            operands.append(try operand(after: at, "or"))
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    /// And -> Unary (('and' | '&&')? Unary)*
    private mutating func parseAnd() throws(FilterSyntaxError) -> Expression {
        var operands = [try parseUnary()]
        while true {
            source.skipWhitespace()
            let at = source.position
            if source.isAtEnd || source.peek() == UInt8(ascii: ")") || startsOr() { break }
            if source.tryEatKeyword("and") || source.tryEat("&&") {
                operands.append(try operand(after: at, "and"))
            } else {
                operands.append(try parseUnary())
            }
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private func startsOr() -> Bool {
        var probe = source
        return probe.tryEatKeyword("or") || probe.tryEat("||")
    }

    /// The operand after a binary or unary operator that started at `at`.
    private mutating func operand(after at: Int, _ op: String) throws(FilterSyntaxError) -> Expression {
        source.skipWhitespace()
        if source.isAtEnd || source.peek() == UInt8(ascii: ")") || startsOr() || startsAnd() {
            throw FilterSyntaxError(kind: .danglingOperator(op), range: at..<source.position)
        }
        return op == "or" ? try parseAnd() : try parseUnary()
    }

    private func startsAnd() -> Bool {
        var probe = source
        return probe.tryEatKeyword("and") || probe.tryEat("&&")
    }

    /// Unary -> ('not' | '!') Unary | Primary
    private mutating func parseUnary() throws(FilterSyntaxError) -> Expression {
        source.skipWhitespace()
        let at = source.position
        if source.tryEatKeyword("not") || (source.peek() == UInt8(ascii: "!") && !isOperatorStart(1) && source.tryEat("!")) {
            depth += 1
            defer { depth -= 1 }
            guard depth <= FilterSyntaxError.maximumNesting else {
                throw FilterSyntaxError(kind: .nestingTooDeep, range: at..<source.position)
            }
            return .not(try operand(after: at, "not"))
        }
        return try parsePrimary()
    }

    /// Primary -> '(' Expression ')' | Test
    private mutating func parsePrimary() throws(FilterSyntaxError) -> Expression {
        let open = source.position
        guard source.tryEat("(") else { return try parseTest() }
        depth += 1
        defer { depth -= 1 }
        guard depth <= FilterSyntaxError.maximumNesting else {
            throw FilterSyntaxError(kind: .nestingTooDeep, range: open..<(open + 1))
        }
        source.skipWhitespace()
        if source.peek() == UInt8(ascii: ")") || source.isAtEnd {
            let kind: FilterSyntaxError.Kind = source.isAtEnd ? .unterminatedGroup : .expectedAttribute(found: "')'")
            throw FilterSyntaxError(kind: kind, range: source.isAtEnd ? open..<(open + 1) : source.position..<(source.position + 1))
        }
        let inner = try parseOr()
        source.skipWhitespace()
        guard source.tryEat(")") else {
            throw FilterSyntaxError(kind: .unterminatedGroup, range: open..<(open + 1))
        }
        return inner
    }

    /// Test -> Name (Operator Value)?
    private mutating func parseTest() throws(FilterSyntaxError) -> Expression {
        let start = source.position
        let name = try readName()
        let key = AttributeKey(filterKey: name.text)
        let nameEnd = source.position
        source.skipWhitespace()
        let opStart = source.position
        guard let op = readOperator() else {
            source.rewind(to: nameEnd)
            return .test(Test(key: key, predicate: .present, range: start..<nameEnd))
        }
        source.skipWhitespace()
        guard !source.isAtEnd, source.peek() != UInt8(ascii: ")") else {
            throw FilterSyntaxError(kind: .missingValue(after: op.text), range: opStart..<source.position)
        }
        let value = try readValue()
        return try op.test(key: key, value: value, range: start..<source.position)
    }

    private func isOperatorStart(_ ahead: Int = 0) -> Bool {
        guard let byte = source.peek(ahead) else { return false }
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
        case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "^"), UInt8(ascii: "$"):
            let next = source.peek(ahead + 1)
            return next == UInt8(ascii: "=") || (byte == UInt8(ascii: "!") && next == UInt8(ascii: "~"))
        default: return false
        }
    }

    private mutating func readName() throws(FilterSyntaxError) -> LocatedText {
        if let quoted = try readQuoted() { return quoted }
        let at = source.position
        var length = 0
        while !source.isBoundary(length), !isOperatorStart(length) { length += 1 }
        guard length > 0 else {
            let found = source.peek().map { "'\(Character(Unicode.Scalar($0)))'" } ?? "end of input"
            throw FilterSyntaxError(kind: .expectedAttribute(found: found), range: at..<(at + 1))
        }
        let name = source.read(count: length)
        if ["and", "or"].contains(name.text.lowercased()) {
            throw FilterSyntaxError(kind: .expectedAttribute(found: "'\(name.text)'"), range: name.range)
        }
        return name
    }

    /// A quoted name or value at the position; nil when no quote starts there.
    private mutating func readQuoted() throws(FilterSyntaxError) -> LocatedText? {
        let at = source.position
        guard let byte = source.peek(), byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") else { return nil }
        guard let quoted = source.readQuoted() else {
            throw FilterSyntaxError(kind: .unterminatedString, range: at..<source.bytes.count)
        }
        return quoted
    }

    private mutating func readOperator() -> ComparisonOperator? {
        for symbol in ComparisonOperator.Symbol.allCases where source.tryEat(symbol.rawValue) {
            // 'i' right after a string operator, before a boundary or quote: case-insensitive.
            let modified = symbol.allowsCaseInsensitive && source.peek() == UInt8(ascii: "i")
                && (source.isBoundary(1) || source.peek(1) == UInt8(ascii: "'") || source.peek(1) == UInt8(ascii: "\""))
            if modified { source.advance() }
            return ComparisonOperator(symbol: symbol, caseInsensitive: modified)
        }
        return nil
    }

    private mutating func readValue() throws(FilterSyntaxError) -> LocatedText {
        if let quoted = try readQuoted() { return quoted }
        var open = 0
        return source.read { byte in
            if byte <= 0x20 { return false }
            if byte == UInt8(ascii: "(") { open += 1 }
            if byte == UInt8(ascii: ")") {
                if open == 0 { return false }
                open -= 1
            }
            return true
        }
    }
}
