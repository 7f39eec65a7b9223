/// A string taken from the filter text, with the source offset of each of its UTF-8 bytes.
///
/// Quotes and doubled quotes disappear when a token is read, so a byte of the value is not
/// always at `start + i` in the filter. Errors found inside a value (a regex PCRE2 rejects)
/// map back to the exact column through `offsets`.
public struct LocatedText: Sendable, Hashable {
    /// The text itself.
    public var text: String
    /// `offsets[i]` is the filter offset of UTF-8 byte `i` of `text`; the last element is the
    /// offset just past the value.
    public var offsets: [Int]

    public init(text: String, offsets: [Int]) {
        precondition(offsets.count == text.utf8.count + 1)
        self.text = text
        self.offsets = offsets
    }

    /// A value that does not come from the filter text (a default), placed at `offset`.
    public init(synthetic text: String, at offset: Int) {
        self.text = text
        self.offsets = Array(repeating: offset, count: text.utf8.count + 1)
    }

    /// The source range the value covers.
    public var range: Range<Int> { (offsets.first ?? 0)..<max(offsets.first ?? 0, offsets.last ?? 0) }

    /// The filter offset of UTF-8 byte `index` of the value, clamped to the value.
    public func sourceOffset(_ index: Int) -> Int { offsets[min(max(index, 0), offsets.count - 1)] }

    /// The bytes `range` of the value, as a located value.
    public func slice(_ range: Range<Int>) -> LocatedText {
        let bytes = Array(text.utf8)[range]
        return LocatedText(text: String(decoding: bytes, as: UTF8.self), offsets: Array(offsets[range.lowerBound...range.upperBound]))
    }

    /// Joins values with `separator`, as Rundeck joins repeated keys with ",".
    /// A separator byte is placed at the start of the value that follows it.
    public static func joined(_ parts: [LocatedText], separator: String) -> LocatedText {
        guard var result = parts.first else { return LocatedText(synthetic: "", at: 0) }
        for part in parts.dropFirst() {
            result.offsets.removeLast()
            result.text += separator + part.text
            result.offsets += Array(repeating: part.offsets[0], count: separator.utf8.count) + part.offsets
        }
        return result
    }
}
