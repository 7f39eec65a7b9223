/// Walks the entries of a resource-json document: the members of its top-level object or
/// the elements of its top-level array.
///
/// A walk can also start in the middle, at the start of a member (its key's `"`) or an
/// element, and stop when the next member starts at a given offset: the two halves of a
/// document are then read on two cores (``ResourceJSON/decodeTable(_:file:keeping:)``).
struct EntryWalker {
    /// The kind of the top-level container.
    enum Container {
        case object, array
    }

    var scanner: JSONScanner
    let container: Container
    /// False for an empty container: there is nothing to walk.
    private var hasEntry: Bool

    /// Opens a whole document: a byte order mark, then `{` or `[`.
    init(document bytes: UnsafeBufferPointer<UInt8>, file: String) throws(NodeFileError) {
        scanner = JSONScanner(bytes: bytes, range: 0..<bytes.count, file: file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        switch try scanner.peek() {
        case UInt8(ascii: "{"):
            container = .object
            hasEntry = try scanner.beginObject()
        case UInt8(ascii: "["):
            container = .array
            hasEntry = try scanner.beginArray()
        default:
            throw scanner.error(.topLevelNotContainer, at: scanner.index)
        }
    }

    /// Resumes inside a `container` at `offset`, where a member or element starts.
    init(resumingAt offset: Int, in container: Container, bytes: UnsafeBufferPointer<UInt8>, file: String) {
        scanner = JSONScanner(bytes: bytes, range: offset..<bytes.count, file: file)
        self.container = container
        hasEntry = true
    }

    /// Calls `entry` for every object entry (others are checked and skipped) up to the end of
    /// the document, which must follow; or, when `stop` is given, until the next entry would
    /// start exactly at `stop`, and then returns true. A walk that passes `stop` without
    /// meeting it goes on to the end and returns false.
    mutating func run(
        stoppingAt stop: Int?, entry: (inout JSONScanner, String?, Range<Int>) throws(NodeFileError) -> Void
    ) throws(NodeFileError) -> Bool {
        var stop = stop
        while hasEntry {
            if let offset = stop, scanner.index >= offset {
                if scanner.index == offset { return true }
                stop = nil
            }
            var key: String?
            if container == .object {
                key = try scanner.string(try scanner.scanString())
                try scanner.colon()
            }
            if try scanner.peek() == UInt8(ascii: "{") {
                try entry(&scanner, key, scanner.index..<scanner.index)
            } else {
                try scanner.skipValue(depth: 1)
            }
            hasEntry = container == .object ? try scanner.nextMember() : try scanner.nextElement()
        }
        scanner.skipWhitespace()
        guard scanner.index == scanner.end else { throw scanner.unexpected("end of input after the top-level value") }
        return false
    }

    /// A likely entry start near `offset`: after the first newline there (a newline is never
    /// inside a JSON string), the first `}` `,` `"` (or `}` `,` `{` in an array), spaces
    /// allowed between. Only a likely one: a walk from the start must meet it to confirm it.
    static func likelyEntryStart(near offset: Int, in bytes: UnsafeBufferPointer<UInt8>, container: Container) -> Int? {
        guard var i = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let opening = container == .object ? UInt8(ascii: "\"") : UInt8(ascii: "{")
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: ",") else { i += 1; continue }
            var before = i - 1
            while before > offset, isSpace(bytes[before]) { before -= 1 }
            var after = i + 1
            while after < bytes.count, isSpace(bytes[after]) { after += 1 }
            if bytes[before] == UInt8(ascii: "}"), after < bytes.count, bytes[after] == opening { return after }
            i += 1
        }
        return nil
    }
}
