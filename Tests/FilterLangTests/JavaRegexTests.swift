import Testing
@testable import FilterLang

/// Java's `String.matches` semantics on PCRE2: acceptance and meaning.
struct JavaRegexTests {
    static func matches(_ pattern: String, _ value: String) throws -> Bool {
        try JavaRegex(pattern).matches(value, scratch: RegexScratch())
    }

    @Test(arguments: [
        ("web.*", "web1", true), ("web", "web1", false), ("a$", "a\n", false), ("a", "a\n", false),
        (#"\d+"#, "123", true), (#"\d+"#, "١٢٣", false), (#"\w+"#, "é", false),
        (#"\p{Alpha}+"#, "abc", true), (#"\p{Alpha}+"#, "é", false), (#"\p{L}+"#, "é", true),
        (#"\P{Digit}"#, "x", true), (#"[\p{Digit}x]+"#, "1x2", true),
        ("[[:alpha:]]+", "alpha", true), ("[[:alpha:]]+", "alphx", false), ("[[:alpha:]]+", ":ahp", true),
        ("[a-c[x-z]]+", "abxz", true), ("[a-c[x-z]]+", "m", false),
        (#"\u0041"#, "A", true), ("(?i)WEB", "web", true), ("(?iu)WEB", "web", true),
        ("caf.", "café", true), (".", "\n", false), (".", "\r", false),
        (#"\Q{x}\E"#, "{x}", true), ("a{2}", "aa", true), ("a{2,}", "aaa", true), ("a{1,2}+", "aa", true),
        ("{2}x", "x", true), ("a{2}{3}", "aa", true), ("a$?b", "ab", true), ("^+a", "a", true), (#"(a)\11"#, "aa1", true),
        (#"\1"#, "", false), (#"\0101"#, "A", true), ("(?d).", "\r", true),
        ("}", "}", true), ("a}", "a}", true), (#"\x{41}+"#, "AA", true), (#"[\x{41}-\x{43}]+"#, "ABC", true),
    ])
    func matchesLikeJava(pattern: String, value: String, expected: Bool) throws {
        #expect(try Self.matches(pattern, value) == expected)
    }

    @Test(arguments: [
        "${x}", "{", "a{", "a{,5}", "x{1", #"\g1"#, #"\K"#, "(?|a)", "(?P<n>a)", "(?R)", "(*FAIL)",
        "(?n)", "(?U)x", "[a&&b]", "[a[^b]]", #"\p{InGreek}"#, "*a", "a**", "(", "[ab", #"\"#, #"\u12"#,
        "/test[zyx/", "test[zyx]${", "test(/1[${})?",
    ])
    func rejectsWhatJavaRejects(pattern: String) {
        #expect(throws: JavaRegexError.self) { try JavaRegex(pattern) }
    }

    @Test func errorOffsetsPointIntoTheJavaPattern() {
        #expect(throws: JavaRegexError("illegal repetition", at: 4)) { try JavaRegex("abc${x}") }
        do {
            _ = try JavaRegex(#"\p{Alpha}(x"#)
            Issue.record("should not compile")
        } catch {
            #expect(error.offset == 11)  // after "(x": PCRE2 reports the end of the pattern
        }
    }

    @Test(arguments: ["(a|aa)+[bc]", "(a+)+[bc]", "(\\w+\\s?)+$"])
    func catastrophicPatternIsBoundedAndReported(pattern: String) throws {
        let regex = try JavaRegex(pattern)
        let scratch = RegexScratch()
        let subject = String(repeating: pattern.hasPrefix("(\\w") ? "ab " : "a", count: 40) + "!"
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!regex.matches(subject, scratch: scratch)) }
        #expect(scratch.limitHits == 1)
        #expect(elapsed < .seconds(5))
    }
}
