/// A compiled filter: a boolean expression over tests of node attributes.
///
/// Both languages compile to this tree. A Rundeck filter becomes "include and not exclude"
/// (or the variant its exclude precedence asks for); an extended expression maps onto it
/// directly.
public indirect enum Expression: Sendable {
    /// Every operand is true (true when empty).
    case and([Expression])
    /// Some operand is true (false when empty).
    case or([Expression])
    /// The operand is false.
    case not(Expression)
    /// Always true or always false (an empty or blank Rundeck side).
    case constant(Bool)
    /// A test of one attribute.
    case test(Test)
}

/// Which part of a node a test reads.
public enum AttributeKey: Sendable, Hashable {
    /// The node name (Rundeck's `nodename`, filter key `name`).
    case name
    /// The tag set (filter key `tags`).
    case tags
    /// Any other attribute, by its exact name.
    case attribute(String)

    /// The key a filter writes for this attribute. Rundeck's aliases (`hostname`, `os-family`,
    /// `os-arch`, `os-name`, `os-version`) map to the resource-model names.
    public init(filterKey: String) {
        switch filterKey {
        case "name": self = .name
        case "tags": self = .tags
        case "os-family": self = .attribute("osFamily")
        case "os-arch": self = .attribute("osArch")
        case "os-name": self = .attribute("osName")
        case "os-version": self = .attribute("osVersion")
        default: self = .attribute(filterKey)
        }
    }

    public var displayName: String {
        switch self {
        case .name: "name"
        case .tags: "tags"
        case .attribute(let name): name
        }
    }
}

/// One attribute test, with the part of the filter text it came from.
public struct Test: Sendable {
    public var key: AttributeKey
    public var predicate: Predicate
    /// UTF-8 offsets of the clause in the filter text.
    public var range: Range<Int>
}

/// What a test checks.
public enum Predicate: Sendable {
    /// Rundeck's attribute matcher: regex-or-equals on the whole selector, or a comma item.
    case rundeck(RundeckSelector)
    /// Rundeck's tag matcher: `a+b,c`.
    case rundeckTags(RundeckTagSelector)
    /// Exact, case-sensitive equality.
    case equals(String)
    /// A PCRE2 match: a regex, or a (case-insensitive) literal for `=i *= ^= $=`.
    case pattern(TextPattern)
    /// A numeric comparison; values that are not numbers never match.
    case compare(NumericComparison)
    /// The attribute exists and is not blank (for tags: the node has a tag).
    case present
}
