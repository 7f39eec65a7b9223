import NodeModel

extension Expression {
    /// Whether `node` satisfies the expression.
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
        if key == .tags { return matchesTags(node.tags, scratch: scratch) }
        let value: String? = switch key {
        case .name: node.name
        case .attribute(let name): node[attribute: name]
        case .tags: nil
        }
        switch predicate {
        case .rundeck(let selector):
            return selector.matches(value, scratch: scratch)
        case .rundeckTags:
            return false
        case .equals(let text):
            return value == text
        case .pattern(let pattern):
            guard let value else { return false }
            return pattern.matches(value, scratch: scratch)
        case .compare(let comparison):
            guard let value else { return false }
            return comparison.matches(value)
        case .present:
            return value.map { !$0.isJavaBlank } ?? false
        }
    }

    /// Tag tests: Rundeck's tag selector, or "some tag passes" for the extended operators.
    private func matchesTags(_ tags: [String], scratch: RegexScratch) -> Bool {
        switch predicate {
        case .rundeckTags(let selector): selector.matches(tags, scratch: scratch)
        case .rundeck(let selector): tags.contains { selector.matches($0, scratch: scratch) }
        case .equals(let text): tags.contains(text)
        case .pattern(let pattern): tags.contains { pattern.matches($0, scratch: scratch) }
        case .compare(let comparison): tags.contains { comparison.matches($0) }
        case .present: !tags.isEmpty
        }
    }
}
