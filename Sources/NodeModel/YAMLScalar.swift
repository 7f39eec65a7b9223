import Yams

/// A YAML scalar as SnakeYAML's SafeConstructor types it (YAML 1.1), reduced to the text
/// Rundeck then gets from `toString()`.
///
/// Only plain scalars without an explicit tag (or with `!!null`, `!!bool`, `!!int`) are
/// resolved; quoted, block and `!!str` scalars are strings as written.
enum YAMLScalar: Equatable {
    /// `~`, `null`, `Null`, `NULL` or empty.
    case null
    /// A string, or a plain scalar kept as written (floats, timestamps).
    case string(String)
    /// A boolean or an integer, as Java prints it: `true`, `false`, `31`.
    case typed(String)

    /// Explicit tags whose scalars are still resolved: `!!null`, `!!bool`, `!!int`.
    private static let typedTags = [Tag.Name.null, .bool, .int].map(\.rawValue)

    /// Resolves `scalar`; `isKey` for mapping keys, whose tags Yams has already resolved
    /// (to `!!str`, with the basic resolver) when it checked them for duplicates.
    init(_ scalar: Yams.Node.Scalar, isKey: Bool = false) {
        let text = scalar.string
        guard Self.isImplicit(scalar, isKey: isKey) || Self.typedTags.contains(scalar.tag.description) else {
            self = .string(text)
            return
        }
        switch text {
        case "", "~", "null", "Null", "NULL":
            self = .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
            self = .typed("true")
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
            self = .typed("false")
        default:
            self = Self.integer(text).map(Self.typed) ?? .string(text)
        }
    }

    /// Whether `scalar` is plain and untagged, so that YAML 1.1 resolves its type.
    static func isImplicit(_ scalar: Yams.Node.Scalar, isKey: Bool) -> Bool {
        guard scalar.style == .plain || scalar.style == .any else { return false }
        let tag = scalar.tag.description
        return tag.isEmpty || (isKey && tag == Tag.Name.str.rawValue)
    }

    /// The decimal text of a YAML 1.1 integer (`0b1010`, `017`, `0x1F`, `1_000`, `1:30`),
    /// or nil if `text` is not one; values beyond 64 bits stay as written.
    static func integer(_ text: String) -> String? {
        var body = Substring(text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        func digits(_ s: Substring, allowed: String) -> Bool {
            s.contains(where: { $0 != "_" }) && s.allSatisfy { $0 == "_" || allowed.contains($0) }
        }
        let magnitude: UInt64?
        if body == "0" {
            magnitude = 0
        } else if body.hasPrefix("0b"), digits(body.dropFirst(2), allowed: "01") {
            magnitude = UInt64(body.dropFirst(2).filter { $0 != "_" }, radix: 2)
        } else if body.hasPrefix("0x"), digits(body.dropFirst(2), allowed: "0123456789abcdefABCDEF") {
            magnitude = UInt64(body.dropFirst(2).filter { $0 != "_" }, radix: 16)
        } else if body.hasPrefix("0"), digits(body.dropFirst(), allowed: "01234567") {
            magnitude = UInt64(body.dropFirst().filter { $0 != "_" }, radix: 8)
        } else if let first = body.first, ("1"..."9").contains(first) {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard digits(parts[0], allowed: "0123456789"), parts.dropFirst().allSatisfy(isSexagesimalDigit) else {
                return nil
            }
            guard parts.count > 1 else { return sign + parts[0].filter { $0 != "_" } }
            var total: UInt64? = 0
            for part in parts {
                guard let sum = total, let value = UInt64(part.filter { $0 != "_" }) else { break }
                let (scaled, overflow) = sum.multipliedReportingOverflow(by: 60)
                let (next, carry) = scaled.addingReportingOverflow(value)
                total = overflow || carry ? nil : next
            }
            magnitude = total
        } else {
            return nil
        }
        guard let magnitude else { return text }
        return magnitude == 0 ? "0" : sign + String(magnitude)
    }

    /// One `:`-separated part after the first in a base-60 integer: `[0-5]?[0-9]`.
    private static func isSexagesimalDigit(_ part: Substring) -> Bool {
        switch part.count {
        case 1: ("0"..."9").contains(part.first!)
        case 2: ("0"..."5").contains(part.first!) && ("0"..."9").contains(part.last!)
        default: false
        }
    }
}
