extension Expression {
    /// The expression as an indented tree, one node per line.
    public func explained(indent: String = "") -> String {
        switch self {
        case .and(let operands): Self.branch("all of", operands, indent)
        case .or(let operands): Self.branch("any of", operands, indent)
        case .not(let operand): "\(indent)not\n" + operand.explained(indent: indent + "  ")
        case .constant(let value): "\(indent)\(value ? "every node" : "no node")\n"
        case .test(let test): "\(indent)\(test.explained)\n"
        }
    }

    private static func branch(_ title: String, _ operands: [Expression], _ indent: String) -> String {
        operands.count == 1 ? operands[0].explained(indent: indent)
            : "\(indent)\(title)\n" + operands.map { $0.explained(indent: indent + "  ") }.joined()
    }

    /// The expression as JSON-compatible values (dictionaries, arrays, strings, booleans).
    public var explainedJSON: [String: any Sendable] {
        switch self {
        case .and(let operands): ["op": "and", "operands": operands.map(\.explainedJSON)]
        case .or(let operands): ["op": "or", "operands": operands.map(\.explainedJSON)]
        case .not(let operand): ["op": "not", "operand": operand.explainedJSON]
        case .constant(let value): ["op": "constant", "value": value]
        case .test(let test): test.explainedJSON
        }
    }
}

extension Test {
    /// One line: the attribute, the test and how it matches.
    public var explained: String {
        let key = key.displayName
        switch predicate {
        case .rundeck(let selector):
            return "\(key): \(Self.quoted(selector.whole.selector))  [the value \(selector.whole.explained)"
                + (selector.items.count > 1 ? ", or is exactly one of \(selector.items.sorted().map(Self.quoted).joined(separator: ", "))]" : "]")
        case .rundeckTags(let selector):
            guard let clauses = selector.clauses else {
                return "tags: \(Self.quoted(selector.selector))  [some tag \(selector.single!.explained)]"
            }
            let text = clauses.map { clause in
                let items = clause.map { Self.quoted($0.trimmed) }
                return clause.isEmpty ? "(always)" : items.count == 1 ? items[0] : "(\(items.joined(separator: " and ")))"
            }.joined(separator: " or ")
            return "tags: \(Self.quoted(selector.selector))  [tags \(text); each item a tag, or a regex some tag fully matches]"
        case .equals(let text): return "\(key) = \(Self.quoted(text))  [exact]"
        case .pattern(let pattern): return "\(key) \(pattern.explained)"
        case .compare(let comparison): return "\(key) \(comparison.op.rawValue) \(comparison.number.shortText)  [number]"
        case .present: return "\(key)  [present and not blank]"
        }
    }

    public var explainedJSON: [String: any Sendable] {
        var json: [String: any Sendable] = ["op": "test", "attribute": key.displayName, "range": [range.lowerBound, range.upperBound]]
        switch predicate {
        case .rundeck(let selector):
            json["match"] = "rundeck"
            json["selector"] = selector.whole.selector
            json["regex"] = selector.whole.regex?.pattern
            json["regexOnly"] = selector.whole.equals == nil
            json["items"] = selector.items.sorted()
        case .rundeckTags(let selector):
            json["match"] = "rundeck-tags"
            json["selector"] = selector.selector
            if let clauses = selector.clauses { json["anyOf"] = clauses.map { $0.map(\.trimmed) } }
        case .equals(let text):
            json["match"] = "equals"
            json["value"] = text
        case .pattern(let pattern):
            json["match"] = pattern.kind.rawValue
            json["value"] = pattern.text
            json["caseInsensitive"] = pattern.caseInsensitive
        case .compare(let comparison):
            json["match"] = comparison.op.rawValue
            json["value"] = comparison.number
        case .present:
            json["match"] = "present"
        }
        return json
    }

    static func quoted(_ text: String) -> String { RundeckQuoting.quote(text) }
}

extension RegexOrEquals {
    /// How the selector matches, in words.
    var explained: String {
        switch (regex, equals) {
        case (_, nil): "fully matches the regex"
        case (nil, _): "equals the text (not a valid regex)"
        default: "fully matches the regex or equals the text"
        }
    }
}

extension TextPattern {
    var explained: String {
        let suffix = caseInsensitive ? ", ignoring case" : ""
        return switch kind {
        case .regex: "~ \(Test.quoted(text))  [full regex match\(suffix)]"
        case .equals: "= \(Test.quoted(text))  [exact\(suffix)]"
        case .contains: "*= \(Test.quoted(text))  [contains\(suffix)]"
        case .prefix: "^= \(Test.quoted(text))  [starts with\(suffix)]"
        case .suffix: "$= \(Test.quoted(text))  [ends with\(suffix)]"
        }
    }
}

extension Double {
    /// `512` rather than `512.0`.
    var shortText: String { rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
