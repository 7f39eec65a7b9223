import NodeModel

/// A Rundeck selector for one attribute (`NodeSet.matchesInput`).
///
/// A blank or missing value never matches. Otherwise the whole selector is tried with
/// ``RegexOrEquals``, and then each of its comma-separated items is compared for exact,
/// untrimmed equality: `web.*,db1` matches `db1` and not `web1`.
public struct RundeckSelector: Sendable {
    public let whole: RegexOrEquals
    /// The comma-separated items (Java `split(",")`).
    public let items: Set<String>
    /// The only item, when there is one (no comma): compared without hashing the value.
    private let onlyItem: String?
    /// True when the selector is blank: Rundeck then fails every value.
    public let isBlank: Bool

    init(_ selector: LocatedText) throws(FilterSyntaxError) {
        whole = try RegexOrEquals(selector)
        let items = selector.text.javaSplit(",")
        self.items = Set(items)
        onlyItem = items.count == 1 ? items[0] : nil
        isBlank = selector.text.isJavaBlank
    }

    @inline(__always)
    public func matches(_ value: String?, scratch: RegexScratch) -> Bool {
        guard let value, !isBlank, !value.isJavaBlank else { return false }
        if whole.matches(value, scratch: scratch) { return true }
        if let onlyItem { return value == onlyItem }
        return items.contains(value)
    }
}

/// Rundeck's tag selector (`NodeSet.matchesInputSet`): `a+b,c` means (a and b) or c.
///
/// Items are trimmed for the set lookup and tried with ``RegexOrEquals`` against every tag.
/// Java's split quirks are kept: `web+` is `[web]`, `+web` has an empty item that never
/// matches, `,` has no clause at all, and a clause with no items (`+`) is vacuously true.
public struct RundeckTagSelector: Sendable {
    /// One item of an AND clause: its trimmed text and its compiled matcher.
    public struct Item: Sendable {
        public let trimmed: String
        public let matcher: RegexOrEquals
    }

    public let selector: String
    /// OR of AND clauses; nil when the selector has neither `+` nor `,`.
    public let clauses: [[Item]]?
    /// The matcher of a selector without `+` or `,`.
    let single: RegexOrEquals?

    init(_ selector: LocatedText) throws(FilterSyntaxError) {
        self.selector = selector.text
        let text = selector.text
        guard text.contains("+") || text.contains(",") else {
            single = try RegexOrEquals(selector)
            clauses = nil
            return
        }
        single = nil
        var clauses: [[Item]] = []
        var seenClauses = Set<String>()
        var offset = 0
        for clause in text.javaSplit(",") {
            defer { offset += clause.utf8.count + 1 }
            guard seenClauses.insert(clause).inserted else { continue }
            var items: [Item] = []
            var seenItems = Set<String>()
            var itemOffset = offset
            for item in clause.javaSplit("+") {
                defer { itemOffset += item.utf8.count + 1 }
                guard seenItems.insert(item).inserted else { continue }
                let located = selector.slice(itemOffset..<(itemOffset + item.utf8.count))
                items.append(Item(trimmed: item.javaTrimmed, matcher: try RegexOrEquals(located)))
            }
            clauses.append(items)
        }
        self.clauses = clauses
    }

    public var isBlank: Bool { selector.isJavaBlank }

    public func matches(_ tags: [String], scratch: RegexScratch) -> Bool {
        guard !tags.isEmpty, !isBlank else { return false }
        if let single {
            return tags.contains(selector) || tags.contains { single.matches($0, scratch: scratch) }
        }
        return clauses!.contains { clause in
            clause.allSatisfy { item in
                tags.contains(item.trimmed) || tags.contains { item.matcher.matches($0, scratch: scratch) }
            }
        }
    }
}
