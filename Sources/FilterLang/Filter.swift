import NodeModel

/// A compiled node filter.
///
/// Two languages compile to it: Rundeck's node filter language, read exactly as Rundeck reads
/// it (``init(rundeck:excludePrecedence:)``), and ecsnodes' extended expressions
/// (``init(expression:)``). Regexes are compiled once, here; matching never throws.
public struct Filter: Sendable {
    /// The language a filter was written in.
    public enum Language: String, Sendable {
        case rundeck, extended
    }

    public let language: Language
    /// The text the filter was compiled from.
    public let text: String
    /// The compiled expression.
    public let expression: Expression
    /// For Rundeck filters, the include and exclude maps as Rundeck parses them.
    public let rundeck: RundeckFilter?
    /// For Rundeck filters, whether the exclude side wins over the include side.
    public let excludePrecedence: Bool

    /// Compiles a filter in Rundeck's language. Only a `/…/` selector that is not a valid regex
    /// is an error; every other text means what it means to Rundeck (the empty filter selects
    /// nothing, `.*` selects every node).
    public init(rundeck text: String, excludePrecedence: Bool = true) throws(FilterSyntaxError) {
        let parsed = RundeckFilter(parsing: text)
        self.language = .rundeck
        self.text = text
        self.rundeck = parsed
        self.excludePrecedence = excludePrecedence
        self.expression = try parsed.expression(excludePrecedence: excludePrecedence)
    }

    /// Compiles an extended expression such as `ECS:CPU >= 512 and (tags = web or name ~ api-.*)`.
    public init(expression text: String) throws(FilterSyntaxError) {
        self.language = .extended
        self.text = text
        self.rundeck = nil
        self.excludePrecedence = true
        self.expression = try ExpressionParser.parse(text)
    }

    private init(language: Language, text: String, expression: Expression) {
        self.language = language
        self.text = text
        self.expression = expression
        self.rundeck = nil
        self.excludePrecedence = true
    }

    /// Selects every node.
    public static let all = Filter(language: .extended, text: "", expression: .constant(true))

    /// A filter that selects the nodes both filters select.
    public func and(_ other: Filter) -> Filter {
        Filter(language: .extended, text: "(\(text)) and (\(other.text))", expression: .and([expression, other.expression]))
    }

    /// Whether `node` is selected. Uses its own scratch; prefer ``select(_:)`` for many nodes.
    public func matches(_ node: Node) -> Bool {
        expression.matches(node, scratch: RegexScratch())
    }

    /// The selected nodes, in their order, and how many regex matches hit PCRE2's limits.
    public func select(_ nodes: [Node]) -> (nodes: [Node], limitHits: Int) {
        let scratch = RegexScratch()
        let selected = nodes.filter { expression.matches($0, scratch: scratch) }
        return (selected, scratch.limitHits)
    }

    /// The selected rows of `table`, and how many regex matches hit PCRE2's limits.
    public func select(in table: NodeTable) -> (rows: RowSet, limitHits: Int) {
        let scratch = RegexScratch()
        let rows = expression.select(in: table, scratch: scratch)
        return (rows, scratch.limitHits)
    }
}
