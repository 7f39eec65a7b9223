import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern that must match a whole subject.
///
/// `@unchecked Sendable`: after `pcre2_jit_compile` a compiled pattern is read-only and may be
/// shared between threads (PCRE2 documents this); each match uses the caller's
/// ``RegexScratch`` for its match data, and the match context is never written after `init`.
public final class PCRE2Regex: @unchecked Sendable {
    /// Backtracking steps allowed per match before PCRE2 gives up (catastrophic patterns).
    public static let matchLimit: UInt32 = 2_000_000
    /// Heap memory, in KiB, the interpreter may use for backtracking per match.
    public static let heapLimitKiB: UInt32 = 20_000

    private let code: OpaquePointer
    private let matchContext: OpaquePointer
    /// True when the JIT compiled the pattern (it is then matched with `pcre2_jit_match`).
    public let isJITCompiled: Bool

    /// Compiles `pattern`. The match is anchored at both ends, as Java's `String.matches`.
    ///
    /// - Parameter options: extra PCRE2 compile options (`PCRE2_CASELESS`, `PCRE2_LITERAL`).
    /// - Parameter anchoredStart: require the match to start at the subject's start.
    /// - Parameter anchoredEnd: require the match to end at the subject's end.
    public init(_ pattern: String, options: UInt32 = 0, anchoredStart: Bool = true, anchoredEnd: Bool = true) throws(PCRE2Error) {
        var options = options | PCRE2_UTF | PCRE2_NO_UTF_CHECK
        if anchoredStart { options |= PCRE2_ANCHORED }
        if anchoredEnd { options |= PCRE2_ENDANCHORED }
        let compileContext = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(compileContext) }
        // Java's '.' excludes \n, \r, U+0085, U+2028 and U+2029; PCRE2's ANY newline convention
        // comes closest (it also treats VT and FF as newlines).
        pcre2_set_newline_8(compileContext, UInt32(PCRE2_NEWLINE_ANY))
        pcre2_set_max_pattern_length_8(compileContext, 64 * 1024)
        var errorCode: Int32 = 0
        var errorOffset = 0
        var pattern = pattern
        let compiled = pattern.withUTF8 { utf8 in
            pcre2_compile_8(utf8.baseAddress, utf8.count, options, &errorCode, &errorOffset, compileContext)
        }
        guard let compiled else { throw PCRE2Error(code: errorCode, offset: errorOffset) }
        code = compiled
        isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
        matchContext = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(matchContext, Self.matchLimit)
        pcre2_set_heap_limit_8(matchContext, Self.heapLimitKiB)
        pcre2_set_depth_limit_8(matchContext, Self.matchLimit)
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_code_free_8(code)
    }

    /// Whether the pattern matches `subject` (whole or part, as compiled).
    ///
    /// A match that hits PCRE2's limits counts as no match and is counted in `scratch`.
    @inline(__always)
    public func matches(_ subject: String, scratch: RegexScratch) -> Bool {
        let rc: Int32
        if let fast = subject.utf8.withContiguousStorageIfAvailable({ run($0, scratch) }) {
            rc = fast
        } else {
            var copy = subject
            rc = copy.withUTF8 { run($0, scratch) }
        }
        if rc >= 0 { return true }
        if rc != PCRE2_ERROR_NOMATCH { scratch.recordFailure(rc) }
        return false
    }

    @inline(__always)
    private func run(_ utf8: UnsafeBufferPointer<UInt8>, _ scratch: RegexScratch) -> Int32 {
        // A Swift string is valid UTF-8, so PCRE2's UTF check is skipped (PCRE2_NO_UTF_CHECK).
        let base = utf8.baseAddress ?? scratch.emptySubject
        if isJITCompiled {
            return pcre2_jit_match_8(code, base, utf8.count, 0, 0, scratch.matchData, matchContext)
        }
        return pcre2_match_8(code, base, utf8.count, 0, PCRE2_NO_UTF_CHECK, scratch.matchData, matchContext)
    }
}

/// Per-thread match state: PCRE2 match data and a count of matches that hit a limit.
///
/// Not `Sendable`: one scratch belongs to one evaluation on one thread.
public final class RegexScratch {
    let matchData: OpaquePointer
    let emptySubject: UnsafePointer<UInt8>
    /// Matches abandoned because they hit PCRE2's match, depth or heap limit.
    public private(set) var limitHits = 0
    /// The last PCRE2 error code other than "no match", if any.
    public private(set) var lastError: Int32?

    public init() {
        matchData = pcre2_match_data_create_8(1, nil)
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        empty.initialize(to: 0)
        emptySubject = UnsafePointer(empty)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        emptySubject.deallocate()
    }

    func recordFailure(_ code: Int32) {
        limitHits += 1
        lastError = code
    }
}

/// A PCRE2 compile error, with the offset (in UTF-8 bytes of the pattern) where PCRE2 stopped.
public struct PCRE2Error: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32
    public var offset: Int

    public var description: String { Self.message(for: code) }

    /// PCRE2's own text for an error code.
    public static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[..<Int(length)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}
