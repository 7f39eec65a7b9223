/// Rewrites a Java regular expression (the dialect Rundeck's filters use) into PCRE2 syntax.
///
/// PCRE2 and `java.util.regex` agree on nearly everything a node filter uses. Where they
/// differ in what they *accept*, the translator rejects what Java rejects (a `{` that is not a
/// counted repetition, PCRE2-only groups and escapes), so that Rundeck's fall-back to string
/// equality happens for exactly the same selectors. Where they differ in *meaning*, it rewrites:
/// Java's ASCII property classes (`\p{Alpha}`), `\uXXXX`, nested character classes (`[a[bc]]`
/// is a union in Java, and `[[:alpha:]]` is not a POSIX class there), and the inline flags
/// Java has and PCRE2 lacks (`d`, `u`).
struct JavaRegexTranslator {
    /// The PCRE2 pattern.
    private(set) var output: [UInt8] = []
    /// `offsets[i]` is the Java pattern offset that produced output byte `i` (one extra at the end).
    private(set) var offsets: [Int] = []

    private let input: [UInt8]
    private var pos = 0
    /// Whether the last atom can take a quantifier (Java rejects `{2}` at the start, after `(` or `|`).
    private var quantifiable = false
    private var classDepth = 0

    /// Translates `pattern`, or throws where Java would throw a `PatternSyntaxException`
    /// (or uses a construct PCRE2 cannot express).
    static func translate(_ pattern: String) throws(JavaRegexError) -> (pattern: String, offsets: [Int]) {
        var translator = JavaRegexTranslator(input: Array(pattern.utf8))
        try translator.run()
        translator.offsets.append(translator.input.count)
        return (String(decoding: translator.output, as: UTF8.self), translator.offsets)
    }

    private init(input: [UInt8]) { self.input = input }

    private func peek(_ ahead: Int = 0) -> UInt8? { pos + ahead < input.count ? input[pos + ahead] : nil }

    private mutating func emit(_ bytes: some Sequence<UInt8>, from offset: Int) {
        for byte in bytes {
            output.append(byte)
            offsets.append(offset)
        }
    }

    private mutating func emit(_ text: String, from offset: Int) { emit(Array(text.utf8), from: offset) }

    /// Copies `count` bytes of input as they are.
    private mutating func copy(_ count: Int) {
        for _ in 0..<count where pos < input.count {
            emit([input[pos]], from: pos)
            pos += 1
        }
    }

    /// Copies one whole character (all bytes of a UTF-8 sequence).
    private mutating func copyCharacter() {
        copy(1)
        while let byte = peek(), byte & 0xC0 == 0x80 { copy(1) }
    }

    private mutating func run() throws(JavaRegexError) {
        while let byte = peek() {
            if classDepth > 0 {
                try classMember(byte)
            } else {
                try atom(byte)
            }
        }
        if classDepth > 0 { throw JavaRegexError("unclosed character class", at: input.count) }
    }

    private mutating func atom(_ byte: UInt8) throws(JavaRegexError) {
        switch byte {
        case UInt8(ascii: "\\"):
            try escape(inClass: false)
            quantifiable = true
        case UInt8(ascii: "["):
            copy(1)
            if peek() == UInt8(ascii: "^") { copy(1) }
            classDepth = 1
            quantifiable = true
        case UInt8(ascii: "("):
            try group()
            quantifiable = false
        case UInt8(ascii: ")"):
            copy(1)
            quantifiable = true
        case UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "$"):
            copy(1)
            quantifiable = false
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
            guard quantifiable else { throw JavaRegexError("dangling meta character '\(Character(Unicode.Scalar(byte)))'", at: pos) }
            copy(1)
            quantifierSuffix()
        case UInt8(ascii: "{"):
            try countedRepetition()
        default:
            copyCharacter()
            quantifiable = true
        }
    }

    /// After a quantifier: an optional `?` (lazy) or `+` (possessive); then nothing may repeat it.
    private mutating func quantifierSuffix() {
        if peek() == UInt8(ascii: "?") || peek() == UInt8(ascii: "+") { copy(1) }
        quantifiable = false
    }

    /// `{n}`, `{n,}` or `{n,m}` after an atom; anything else is Java's "illegal repetition".
    private mutating func countedRepetition() throws(JavaRegexError) {
        var end = pos + 1
        var digits = 0
        while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9") { end += 1; digits += 1 }
        if digits > 0, end < input.count, input[end] == UInt8(ascii: ",") {
            end += 1
            while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9") { end += 1 }
        }
        guard quantifiable, digits > 0, end < input.count, input[end] == UInt8(ascii: "}") else {
            throw JavaRegexError("illegal repetition", at: pos)
        }
        copy(end + 1 - pos)
        quantifierSuffix()
    }

    /// `(`, `(?:`, lookarounds, named groups and inline flags; PCRE2-only forms are rejected.
    private mutating func group() throws(JavaRegexError) {
        let start = pos
        guard peek(1) == UInt8(ascii: "?") else { copy(1); return }
        let kind = peek(2)
        switch kind {
        case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: ">"):
            copy(3)
        case UInt8(ascii: "<"):
            if peek(3) == UInt8(ascii: "=") || peek(3) == UInt8(ascii: "!") { copy(4) } else { copy(3) }
        default:
            // Inline flags: (?idmsuxU-idmsuxU) or (?flags:...)
            var end = pos + 2
            var flags: [UInt8] = []
            while end < input.count, input[end] != UInt8(ascii: ")"), input[end] != UInt8(ascii: ":") {
                flags.append(input[end])
                end += 1
            }
            guard end < input.count, !flags.isEmpty || input[end] == UInt8(ascii: ")") else {
                throw JavaRegexError("unknown inline modifier", at: start + 2)
            }
            var translated: [UInt8] = []
            for (index, flag) in flags.enumerated() {
                switch flag {
                case UInt8(ascii: "i"), UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "-"):
                    translated.append(flag)
                case UInt8(ascii: "d"), UInt8(ascii: "u"):
                    break  // UNIX_LINES, UNICODE_CASE: no PCRE2 equivalent, and rarely matter here
                case UInt8(ascii: "U"):
                    throw JavaRegexError("the (?U) flag is not supported", at: start + 2 + index)
                default:
                    throw JavaRegexError("unknown inline modifier", at: start + 2 + index)
                }
            }
            if flags.isEmpty { throw JavaRegexError("unknown inline modifier", at: start + 2) }
            emit(Array("(?".utf8) + translated + [input[end]], from: start)
            pos = end + 1
        }
    }

    /// One member of a character class; nested classes are flattened into the outer one.
    private mutating func classMember(_ byte: UInt8) throws(JavaRegexError) {
        switch byte {
        case UInt8(ascii: "\\"):
            try escape(inClass: true)
        case UInt8(ascii: "["):
            guard peek(1) != UInt8(ascii: "^") else {
                throw JavaRegexError("negated nested character classes are not supported", at: pos)
            }
            classDepth += 1
            pos += 1
        case UInt8(ascii: "]"):
            classDepth -= 1
            if classDepth == 0 { copy(1) } else { pos += 1 }
        case UInt8(ascii: "&") where peek(1) == UInt8(ascii: "&"):
            throw JavaRegexError("character class intersection (&&) is not supported", at: pos)
        case UInt8(ascii: ":"):
            emit("\\:", from: pos)  // never a PCRE2 POSIX class: Java has none
            pos += 1
        default:
            copyCharacter()
        }
    }

    /// A backslash escape. Java's letters only; `\p{…}` and `\uXXXX` rewritten.
    private mutating func escape(inClass: Bool) throws(JavaRegexError) {
        let start = pos
        guard let letter = peek(1) else { throw JavaRegexError("unexpected end of pattern after '\\'", at: pos) }
        switch letter {
        case UInt8(ascii: "Q"):
            // Literal text up to \E, copied as is: PCRE2 reads \Q…\E the same way.
            var end = pos + 2
            while end < input.count, !(input[end] == UInt8(ascii: "\\") && end + 1 < input.count && input[end + 1] == UInt8(ascii: "E")) { end += 1 }
            copy(min(end + 2, input.count) - pos)
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            try property(negated: letter == UInt8(ascii: "P"), inClass: inClass)
        case UInt8(ascii: "u"):
            let hex = (2..<6).compactMap { peek($0) }
            guard hex.count == 4, hex.allSatisfy(\.isHexDigit) else { throw JavaRegexError("illegal unicode escape sequence", at: start) }
            emit(Array("\\x{".utf8) + hex + [UInt8(ascii: "}")], from: start)
            pos += 6
        case UInt8(ascii: "x") where peek(2) == UInt8(ascii: "{"), UInt8(ascii: "N") where peek(2) == UInt8(ascii: "{"):
            // \x{h…h} and \N{name}: the braces belong to the escape, not to a repetition.
            guard let close = input[pos...].firstIndex(of: UInt8(ascii: "}")) else {
                throw JavaRegexError("unclosed hexadecimal escape sequence", at: start)
            }
            copy(close + 1 - pos)
        case _ where letter.isASCIILetter:
            guard Self.javaEscapeLetters.contains(letter) else {
                throw JavaRegexError("illegal/unsupported escape sequence", at: start)
            }
            copy(2)
        default:
            copy(1)
            copyCharacter()
        }
    }

    private static let javaEscapeLetters = Set("tnrfaecxNdDhHsSvVwWbBAGZzRXkE".utf8)

    /// `\p{Name}` / `\pL`: Java's ASCII POSIX classes become PCRE2 POSIX classes (ASCII without
    /// UCP, as in Java); `Is`, `gc=`, `sc=` prefixes are dropped; blocks (`In…`) are rejected.
    private mutating func property(negated: Bool, inClass: Bool) throws(JavaRegexError) {
        let start = pos
        var name: String
        if peek(2) == UInt8(ascii: "{") {
            var end = pos + 3
            while end < input.count, input[end] != UInt8(ascii: "}") { end += 1 }
            guard end < input.count else { throw JavaRegexError("unclosed character family", at: start) }
            name = String(decoding: input[(pos + 3)..<end], as: UTF8.self)
            pos = end + 1
        } else {
            guard let letter = peek(2) else { throw JavaRegexError("illegal character family", at: start) }
            name = String(Character(Unicode.Scalar(letter)))
            pos += 3
        }
        if let posix = Self.posixClasses[name] {
            let body = negated ? "[:^\(posix):]" : "[:\(posix):]"
            emit(inClass ? body : "[\(body)]", from: start)
            return
        }
        for prefix in ["Is", "gc=", "general_category=", "sc=", "script="] where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
        }
        if name.hasPrefix("In") || name.hasPrefix("blk=") || name.hasPrefix("block=") || name.hasPrefix("java") {
            throw JavaRegexError("unicode blocks and java.lang.Character classes are not supported", at: start)
        }
        emit("\\\(negated ? "P" : "p"){\(name)}", from: start)
    }

    private static let posixClasses: [String: String] = [
        "Lower": "lower", "Upper": "upper", "ASCII": "ascii", "Alpha": "alpha", "Digit": "digit",
        "Alnum": "alnum", "Punct": "punct", "Graph": "graph", "Print": "print", "Blank": "blank",
        "Cntrl": "cntrl", "XDigit": "xdigit", "Space": "space",
    ]
}

/// A pattern Java would reject (or one PCRE2 cannot express), with the pattern offset.
struct JavaRegexError: Error, Hashable {
    var message: String
    var offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}

extension UInt8 {
    var isHexDigit: Bool { (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self) }
    var isASCIILetter: Bool { (65...90).contains(self) || (97...122).contains(self) }
}
