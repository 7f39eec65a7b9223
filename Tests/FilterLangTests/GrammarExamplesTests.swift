import Foundation
import Testing
import FilterLang

/// Every example in grammar.md parses, in the language its code block names.
struct GrammarExamplesTests {
    static func examples(_ language: String) -> [String] {
        let text = (try? String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("grammar.md"), encoding: .utf8)) ?? ""
        var inside = false
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inside = line == "```\(language)"
                continue
            }
            if inside && !line.isEmpty { lines.append(String(line)) }
        }
        return lines
    }

    @Test func grammarHasExamples() {
        #expect(Self.examples("rundeck-filter").count >= 10)
        #expect(Self.examples("where").count >= 10)
    }

    @Test(arguments: examples("rundeck-filter"))
    func rundeckExampleParses(_ filter: String) throws {
        let compiled = try Filter(rundeck: filter)
        #expect(!RundeckFilter(parsing: filter).include.isEmpty || !RundeckFilter(parsing: filter).exclude.isEmpty)
        _ = compiled
    }

    @Test(arguments: examples("where"))
    func extendedExampleParses(_ expression: String) throws {
        _ = try Filter(expression: expression)
    }
}
