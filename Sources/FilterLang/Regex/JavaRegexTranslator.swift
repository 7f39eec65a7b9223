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
    /// Capturing groups opened so far, and in the whole pattern.
    private var groupsOpened = 0
    private let groupCount: Int

    /// Translates `pattern`, or throws where Java would throw a `PatternSyntaxException`
    /// (or uses a construct PCRE2 cannot express).
    static func translate(_ pattern: String) throws(JavaRegexError) -> (pattern: String, offsets: [Int]) {
        var translator = JavaRegexTranslator(input: Array(pattern.utf8))
        try translator.run()
        translator.offsets.append(translator.input.count)
        return (String(decoding: translator.output, as: UTF8.self), translator.offsets)
    }

    private init(input: [UInt8]) {
        self.input = input
        groupCount = Self.capturingGroups(in: input)
    }

    /// Counts the capturing groups: `(` not followed by `?`, and `(?<name>`; escapes, `\Q…\E`
    /// and character classes skipped.
    private static func capturingGroups(in input: [UInt8]) -> Int {
        var count = 0, i = 0, inClass = 0
        while i < input.count {
            switch input[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < input.count, input[i + 1] == UInt8(ascii: "Q") {
                    i += 2
                    while i + 1 < input.count, !(input[i] == UInt8(ascii: "\\") && input[i + 1] == UInt8(ascii: "E")) { i += 1 }
                }
                i += 1
            case UInt8(ascii: "["): inClass += 1
            case UInt8(ascii: "]"): inClass = max(0, inClass - 1)
            case UInt8(ascii: "(") where inClass == 0:
                let named = i + 3 < input.count && input[i + 1] == UInt8(ascii: "?") && input[i + 2] == UInt8(ascii: "<")
                    && input[i + 3] != UInt8(ascii: "=") && input[i + 3] != UInt8(ascii: "!")
                if i + 1 >= input.count || input[i + 1] != UInt8(ascii: "?") || named { count += 1 }
            default: break
            }
            i += 1
        }
        return count
    }

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
        case UInt8(ascii: "|"):
            copy(1)
            quantifiable = false
        case UInt8(ascii: "^"), UInt8(ascii: "$"):
            anchor()
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

    /// `^` or `$`. Java lets an anchor take a quantifier, PCRE2 does not: `?`, `*` and `{0,…}`
    /// make it optional (so it is dropped with them), `+` and `{n,…}` leave it as it is.
    private mutating func anchor() {
        let anchorAt = output.count
        copy(1)
        quantifiable = false
        var end = pos
        var optional: Bool
        switch peek() {
        case UInt8(ascii: "?"), UInt8(ascii: "*"):
            optional = true
            end += 1
        case UInt8(ascii: "+"):
            optional = false
            end += 1
        case UInt8(ascii: "{"):
            var digits = end + 1
            while digits < input.count, (48...57).contains(input[digits]) { digits += 1 }
            guard digits > end + 1, let close = input[digits...].firstIndex(of: UInt8(ascii: "}")),
                  input[digits..<close].allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ",") }) else { return }
            optional = input[(end + 1)..<digits].allSatisfy { $0 == UInt8(ascii: "0") }
            end = close + 1
        default:
            return
        }
        if optional {
            output.removeSubrange(anchorAt...)
            offsets.removeSubrange(anchorAt...)
        }
        pos = end
        if peek() == UInt8(ascii: "?") || peek() == UInt8(ascii: "+") { pos += 1 }
    }

    /// After a quantifier: an optional `?` (lazy) or `+` (possessive); then nothing may repeat it.
    private mutating func quantifierSuffix() {
        if peek() == UInt8(ascii: "?") || peek() == UInt8(ascii: "+") { copy(1) }
        quantifiable = false
    }

    /// `{n}`, `{n,}` or `{n,m}`; anything else is Java's "illegal repetition". Where nothing
    /// can be repeated (at the start, after `(`, `|` or another quantifier) Java repeats
    /// nothing, so the repetition is dropped.
    private mutating func countedRepetition() throws(JavaRegexError) {
        var end = pos + 1
        var digits = 0
        while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9") { end += 1; digits += 1 }
        if digits > 0, end < input.count, input[end] == UInt8(ascii: ",") {
            end += 1
            while end < input.count, input[end] >= UInt8(ascii: "0"), input[end] <= UInt8(ascii: "9") { end += 1 }
        }
        guard digits > 0, end < input.count, input[end] == UInt8(ascii: "}") else {
            throw JavaRegexError("illegal repetition", at: pos)
        }
        guard quantifiable else {
            pos = end + 1
            if peek() == UInt8(ascii: "?") || peek() == UInt8(ascii: "+") { pos += 1 }
            return
        }
        copy(end + 1 - pos)
        quantifierSuffix()
    }

    /// `(`, `(?:`, lookarounds, named groups and inline flags; PCRE2-only forms are rejected.
    private mutating func group() throws(JavaRegexError) {
        let start = pos
        guard peek(1) == UInt8(ascii: "?") else {
            groupsOpened += 1
            copy(1)
            return
        }
        let kind = peek(2)
        switch kind {
        case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: ">"):
            copy(3)
        case UInt8(ascii: "<"):
            if peek(3) == UInt8(ascii: "=") || peek(3) == UInt8(ascii: "!") {
                copy(4)
            } else {
                groupsOpened += 1
                copy(3)
            }
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
                case UInt8(ascii: "u"):
                    break  // UNICODE_CASE: PCRE2 folds Unicode case anyway (a documented difference)
                case UInt8(ascii: "d"):
                    // UNIX_LINES: only '\n' ends a line. PCRE2 can say so only for the whole pattern.
                    guard start == 0, flags == [UInt8(ascii: "d")], input[end] == UInt8(ascii: ")") else {
                        throw JavaRegexError.unsupported("(?d) is supported only as (?d) at the start of a pattern", at: start + 2 + index)
                    }
                    emit("(*LF)", from: start)
                    pos = end + 1
                    return
                case UInt8(ascii: "U"):
                    throw JavaRegexError.unsupported("the (?U) flag is not supported", at: start + 2 + index)
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
                throw JavaRegexError.unsupported("negated nested character classes are not supported", at: pos)
            }
            classDepth += 1
            pos += 1
        case UInt8(ascii: "]"):
            classDepth -= 1
            if classDepth == 0 { copy(1) } else { pos += 1 }
        case UInt8(ascii: "&") where peek(1) == UInt8(ascii: "&"):
            throw JavaRegexError.unsupported("character class intersection (&&) is not supported", at: pos)
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
        case UInt8(ascii: "x"):
            // \xhh or \x{h…h}: the braces belong to the escape, not to a repetition.
            if peek(2) == UInt8(ascii: "{") {
                guard let close = input[pos...].firstIndex(of: UInt8(ascii: "}")),
                      close > pos + 3, input[(pos + 3)..<close].allSatisfy(\.isHexDigit) else {
                    throw JavaRegexError("illegal hexadecimal escape sequence", at: start)
                }
                copy(close + 1 - pos)
            } else {
                guard let high = peek(2), let low = peek(3), high.isHexDigit, low.isHexDigit else {
                    throw JavaRegexError("illegal hexadecimal escape sequence", at: start)
                }
                copy(4)
            }
        case UInt8(ascii: "N"):
            throw JavaRegexError.unsupported("\\N{…} character names are not supported", at: start)
        case UInt8(ascii: "E"):
            throw JavaRegexError("\\E without \\Q", at: start)
        case UInt8(ascii: "0"):
            try octal()
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            backReference()
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

    private static let javaEscapeLetters = Set("tnrfaecdDhHsSvVwWbBAGZzRXk".utf8)

    /// Java's octal escape: `\0` and one to three octal digits (at most `\0377`).
    private mutating func octal() throws(JavaRegexError) {
        let start = pos
        var value = 0
        var end = pos + 2
        while end < input.count, end < pos + 5, (48...55).contains(input[end]), value * 8 + Int(input[end] - 48) <= 0o377 {
            value = value * 8 + Int(input[end] - 48)
            end += 1
        }
        guard end > pos + 2 else { throw JavaRegexError("illegal octal escape sequence", at: start) }
        emit("\\x{\(String(value, radix: 16))}", from: start)
        pos = end
    }

    /// `\n`: Java reads as many digits as still name a group opened so far; a reference to a
    /// group that does not exist compiles in Java and never matches.
    private mutating func backReference() {
        let start = pos
        var number = Int(input[pos + 1] - 48)
        var end = pos + 2
        while end < input.count, (48...57).contains(input[end]), number * 10 + Int(input[end] - 48) <= groupsOpened {
            number = number * 10 + Int(input[end] - 48)
            end += 1
        }
        emit(number <= groupCount ? "\\g{\(number)}" : "(?!)", from: start)
        pos = end
    }

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
            throw JavaRegexError.unsupported("unicode blocks and java.lang.Character classes are not supported", at: start)
        }
        emit("\\\(negated ? "P" : "p"){\(name)}", from: start)
    }

    private static let posixClasses: [String: String] = [
        "Lower": "lower", "Upper": "upper", "ASCII": "ascii", "Alpha": "alpha", "Digit": "digit",
        "Alnum": "alnum", "Punct": "punct", "Graph": "graph", "Print": "print", "Blank": "blank",
        "Cntrl": "cntrl", "XDigit": "xdigit", "Space": "space",
    ]
}

/// A pattern Java would reject, or one Java accepts that PCRE2 cannot express
/// (`isUnsupported`), with the pattern offset.
struct JavaRegexError: Error, Hashable {
    var message: String
    var offset: Int
    /// Java accepts the pattern; ecsnodes cannot run it (a documented difference).
    var isUnsupported = false

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    static func unsupported(_ message: String, at offset: Int) -> JavaRegexError {
        var error = JavaRegexError(message, at: offset)
        error.isUnsupported = true
        return error
    }
}

extension UInt8 {
    var isHexDigit: Bool { (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self) }
    var isASCIILetter: Bool { (65...90).contains(self) || (97...122).contains(self) }
}
