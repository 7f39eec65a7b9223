/// A filter in Rundeck's node filter language, parsed as Rundeck's `NodeSet.parseFilter`
/// parses it: an include map and an exclude map from keys to selectors.
///
///     filter := token*                       -- tokens per ``RundeckTokenizer``
///     P1  key pending = nil, token ends with ':'  → key = token before its LAST ':'
///     P2  key pending = nil, token contains ':'   → key = before the FIRST ':', value = the rest
///                                                   (an empty rest waits for the next token)
///     P3  key pending = nil, no ':'               → key = "name", value = token
///     P4  key pending                             → value = token, whatever it contains
///     P5  a key starting with '!' goes (without that one '!') to the exclude map; a repeated
///         key joins its values with ','
public struct RundeckFilter: Sendable {
    /// One key of a map, with its (possibly joined) selector and where it was written.
    public struct Entry: Sendable {
        public var key: String
        public var value: LocatedText
        /// From the first token of the first clause with this key to the end of its last value.
        public var range: Range<Int>
    }

    /// Keys to match, in order of first appearance.
    public private(set) var include: [Entry] = []
    /// Keys to exclude, in order of first appearance.
    public private(set) var exclude: [Entry] = []

    /// The default key for bare words.
    public static let defaultKey = "name"

    public init(parsing filter: String) {
        var pendingKey: (text: String, start: Int)?
        for token in RundeckTokenizer.tokens(filter) {
            var value = token
            let text = token.text
            if pendingKey == nil, text.hasSuffix(":") {
                let colon = text.utf8.lastIndex(of: UInt8(ascii: ":"))!
                pendingKey = (String(text[..<colon]), token.sourceOffset(0))
                continue
            } else if pendingKey == nil, let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) {
                let keyLength = text.utf8.distance(from: text.utf8.startIndex, to: colon)
                pendingKey = (String(text[..<colon]), token.sourceOffset(0))
                value = token.slice((keyLength + 1)..<text.utf8.count)
                if value.text.isEmpty { continue }
            } else if pendingKey == nil {
                pendingKey = (Self.defaultKey, token.sourceOffset(0))
            }
            store(key: pendingKey!.text, keyStart: pendingKey!.start, value: value)
            pendingKey = nil
        }
    }

    private mutating func store(key: String, keyStart: Int, value: LocatedText) {
        let excluded = key.hasPrefix("!")
        let key = excluded ? String(key.dropFirst()) : key
        let end = max(value.range.upperBound, keyStart)
        if let index = (excluded ? exclude : include).firstIndex(where: { $0.key == key }) {
            func join(_ entry: inout Entry) {
                entry.value = LocatedText.joined([entry.value, value], separator: ",")
                entry.range = entry.range.lowerBound..<max(entry.range.upperBound, end)
            }
            if excluded { join(&exclude[index]) } else { join(&include[index]) }
        } else {
            let entry = Entry(key: key, value: value, range: keyStart..<end)
            if excluded { exclude.append(entry) } else { include.append(entry) }
        }
    }

    /// The include map as Rundeck builds it.
    public var includeMap: [String: String] { Dictionary(uniqueKeysWithValues: include.map { ($0.key, $0.value.text) }) }
    /// The exclude map as Rundeck builds it.
    public var excludeMap: [String: String] { Dictionary(uniqueKeysWithValues: exclude.map { ($0.key, $0.value.text) }) }

    /// Keys Rundeck reads from fixed node fields; a blank selector on them is ignored.
    static let fieldKeys: Set<String> = ["name", "hostname", "tags", "os-family", "os-arch", "os-name", "os-version"]
}
