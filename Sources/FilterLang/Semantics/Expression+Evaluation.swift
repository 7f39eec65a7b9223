import NodeModel

extension Expression {
    /// Whether `node` satisfies the expression (one node at a time).
    public func matches(_ node: Node, scratch: RegexScratch) -> Bool {
        switch self {
        case .and(let operands):
            for operand in operands where !operand.matches(node, scratch: scratch) { return false }
            return true
        case .or(let operands):
            for operand in operands where operand.matches(node, scratch: scratch) { return true }
            return false
        case .not(let operand):
            return !operand.matches(node, scratch: scratch)
        case .constant(let value):
            return value
        case .test(let test):
            return test.matches(node, scratch: scratch)
        }
    }
}

extension Test {
    /// Whether `node` passes this test.
    public func matches(_ node: Node, scratch: RegexScratch) -> Bool {
        switch key {
        case .tags: predicate.matches(tags: node.tags, scratch: scratch)
        case .name: predicate.matches(node.name, scratch: scratch)
        case .attribute(let name): predicate.matches(node[attribute: name], scratch: scratch)
        }
    }
}

extension Predicate {
    /// Whether an attribute value passes; a missing value passes nothing.
    public func matches(_ value: String?, scratch: RegexScratch) -> Bool {
        switch self {
        case .rundeck(let selector): selector.matches(value, scratch: scratch)
        case .rundeckTags: false
        case .equals(let text): value == text
        case .pattern(let pattern): value.map { pattern.matches($0, scratch: scratch) } ?? false
        case .compare(let comparison): value.map(comparison.matches) ?? false
        case .present: value.map { !$0.isJavaBlank } ?? false
        }
    }

    /// ``matches(_:scratch:)`` as a function, with the predicate's case chosen once: for
    /// testing a whole column.
    public func matcher(scratch: RegexScratch) -> (String?) -> Bool {
        switch self {
        case .rundeck(let selector): { selector.matches($0, scratch: scratch) }
        case .pattern(let pattern): { $0.map { pattern.matches($0, scratch: scratch) } ?? false }
        default: { matches($0, scratch: scratch) }
        }
    }

    /// Whether a tag set passes: Rundeck's tag selector, or "some tag passes" for the rest.
    public func matches(tags: [String], scratch: RegexScratch) -> Bool {
        switch self {
        case .rundeckTags(let selector): selector.matches(tags, scratch: scratch)
        case .present: !tags.isEmpty
        default: tags.contains { matches($0, scratch: scratch) }
        }
    }
}
