import CPCRE2
import NodeModel

/// A Java regular expression compiled with PCRE2 and matched like Java's `String.matches`:
/// the whole value must match.
public struct JavaRegex: Sendable {
    /// The pattern as the user wrote it.
    public let pattern: String
    /// Case-insensitive (the `~i` operator).
    public let caseInsensitive: Bool
    let regex: PCRE2Regex

    /// Compiles `pattern`; throws where Java would not compile it, with the pattern offset.
    init(_ pattern: String, caseInsensitive: Bool = false) throws(JavaRegexError) {
        let translated = try JavaRegexTranslator.translate(pattern)
        do {
            regex = try PCRE2Regex(translated.pattern, options: caseInsensitive ? PCRE2_CASELESS : 0)
        } catch {
            let offset = translated.offsets[min(max(error.offset, 0), translated.offsets.count - 1)]
            throw JavaRegexError(error.description, at: offset)
        }
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
    }

    @inline(__always)
    public func matches(_ value: String, scratch: RegexScratch) -> Bool { regex.matches(value, scratch: scratch) }
}

/// Rundeck's `matchRegexOrEquals(selector, item)`, with the regex compiled once.
///
/// `/re/` is a regex only (an invalid one is an error); anything else is tried as a regex of the
/// trimmed selector (if it compiles) and then compared for equality with the trimmed selector.
public struct RegexOrEquals: Sendable {
    /// The selector as written.
    public let selector: String
    /// The compiled regex, or nil when the selector is not a valid Java regex.
    public let regex: JavaRegex?
    /// The trimmed selector to compare with, or nil for the `/re/` form.
    public let equals: String?

    /// Compiles `selector`; only the `/re/` form can throw.
    init(_ selector: LocatedText) throws(FilterSyntaxError) {
        self.selector = selector.text
        let bytes = Array(selector.text.utf8)
        if bytes.count >= 2, bytes.first == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") {
            let inner = selector.slice(1..<(bytes.count - 1))
            let leading = inner.text.utf8.prefix(while: { $0 <= 0x20 }).count
            do {
                regex = try JavaRegex(inner.text.javaTrimmed)
            } catch {
                let at = inner.sourceOffset(leading + error.offset)
                throw FilterSyntaxError(kind: .invalidRegex(error.message), range: at..<(at + 1))
            }
            equals = nil
        } else {
            let trimmed = selector.text.javaTrimmed
            regex = try? JavaRegex(trimmed)
            equals = trimmed
        }
    }

    @inline(__always)
    public func matches(_ item: String, scratch: RegexScratch) -> Bool {
        if let regex, regex.matches(item, scratch: scratch) { return true }
        return equals == item
    }
}
