import Foundation
import Testing
@testable import FilterLang

/// ecsnodes' Java-regex emulation against java.util.regex itself: Fixtures/java-regex-cases.json
/// holds Java's verdicts (made by scripts/oracle/generate.py with a JDK) on curated and random
/// patterns; every one must agree: same compile errors, same full-match results.
struct JavaRegexOracleTests {
    struct Case: Decodable {
        var pattern: String
        var value: String
        var java: Verdict
    }

    enum Verdict: Decodable, Equatable {
        case error, matches(Bool)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            self = (try? container.decode(Bool.self)).map(Verdict.matches) ?? .error
        }
    }

    /// ecsnodes' verdict; nil for a construct Java accepts and ecsnodes rejects as unsupported
    /// (grammar.md lists them).
    static func verdict(_ pattern: String, _ value: String, scratch: RegexScratch) -> Verdict? {
        do {
            return .matches(try JavaRegex(pattern).matches(value, scratch: scratch))
        } catch {
            return error.isUnsupported ? nil : .error
        }
    }

    @Test func agreesWithJava() throws {
        let cases = try JSONDecoder().decode([Case].self, from: Fixture.data("java-regex-cases.json"))
        let scratch = RegexScratch()
        var disagreements: [String] = []
        var unsupported = Set<String>()
        for c in cases {
            guard let ours = Self.verdict(c.pattern, c.value, scratch: scratch) else {
                // Rejected as unsupported: the same as Java's verdict when Java rejects it too.
                if c.java != .error { unsupported.insert(c.pattern) }
                continue
            }
            if ours != c.java {
                disagreements.append("\(c.pattern.debugDescription) on \(c.value.debugDescription): Java \(c.java), ecsnodes \(ours)")
            }
        }
        print("Java regex oracle: \(cases.count) cases, \(cases.count - disagreements.count) agree; unsupported (rejected): \(unsupported.sorted())")
        #expect(cases.count > 1000)
        // Only the constructs grammar.md lists as unsupported may be rejected where Java accepts.
        let documented = ["(?U)", "&&", "[^", "\\N{", "\\p{In", "\\p{java", "(?d)"]
        let undocumented = unsupported.filter { pattern in !documented.contains { pattern.contains($0) } }
        #expect(undocumented.isEmpty, "rejected but not documented: \(undocumented.sorted())")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(50).joined(separator: "\n"))")
    }
}
