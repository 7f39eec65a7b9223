import NodeModel

extension RundeckFilter {
    /// The filter as an expression, with Rundeck's include/exclude logic (`NodeSet:201-217`).
    ///
    /// With exclude precedence (Rundeck's default) a node is selected when it matches the
    /// include side and not the exclude side; without it, when it matches the include side or
    /// does not match the exclude side. A blank include side selects nothing; a blank exclude
    /// side excludes nothing; with only an exclude side, every node it does not match is kept.
    public func expression(excludePrecedence: Bool = true) throws(FilterSyntaxError) -> Expression {
        let included = try Self.side(include)
        let excluded = try Self.side(exclude)
        switch (included, excluded) {
        case (nil, nil): return .constant(false)
        case (let included?, nil): return included
        case (nil, let excluded?): return .not(excluded)
        case (let included?, let excluded?):
            return excludePrecedence ? .and([included, .not(excluded)]) : .or([included, .not(excluded)])
        }
    }

    /// One side: every non-blank key must match. Nil when the side is blank (`SetSelector.isBlank`):
    /// field keys with blank selectors are ignored, any attribute key counts.
    private static func side(_ entries: [Entry]) throws(FilterSyntaxError) -> Expression? {
        var tests: [Expression] = []
        for entry in entries {
            let isField = fieldKeys.contains(entry.key)
            if isField && entry.value.text.isJavaBlank { continue }
            let key = isField ? AttributeKey(filterKey: entry.key) : .attribute(entry.key)
            let predicate: Predicate = key == .tags
                ? .rundeckTags(try RundeckTagSelector(entry.value))
                : .rundeck(try RundeckSelector(entry.value))
            tests.append(.test(Test(key: key, predicate: predicate, range: entry.range)))
        }
        return tests.isEmpty ? nil : .and(tests)
    }
}
