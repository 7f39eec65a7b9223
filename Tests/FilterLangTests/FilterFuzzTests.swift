import Testing
import NodeModel
@testable import FilterLang

/// 100,000 random and mutated filters in each language: each parses or fails with an error
/// positioned inside the filter; none crashes or hangs, and matching a parsed one never traps.
struct FilterFuzzTests {
    static let alphabet: [String] = ["(", ")", "'", "\"", "/", "\\", "{", "}", "[", "]", ":", "!", "=", "~", "<", ">",
                                     "*", "^", "$", "+", ",", "|", "&", ".", "?", " ", "\t", "\n", "é", "😀", "\u{0}",
                                     "a", "Z", "0", "9", "-", "i", "and", "or", "not", "tags", "name", "ECS:CPU", "${x}",
                                     "(?i)", "\\p{Alpha}", "[[:alpha:]]", "{2}", "&&", "||", ">=", "*=i", "~i"]

    static var seeds: [String] {
        GrammarExamplesTests.examples("rundeck-filter") + GrammarExamplesTests.examples("where")
            + ConformanceTests.cases.compactMap { $0["filter"] as? String }
    }

    static let nodes = [
        Node(name: "web-1", attributes: ["ECS:CPU": "512", "a": "Z", "hostname": "h"], tags: ["web", "a"]),
        Node(name: "é😀", attributes: ["name": "x", "ECS:CPU": "abc"], tags: []),
    ]

    @Test func randomAndMutatedFiltersNeverCrash() {
        var random = SplitMix64(seed: 20261129)
        let seeds = Self.seeds
        var parsed = 0, rejected = 0
        for round in 0..<100_000 {
            let text = round % 2 == 0 ? Self.mutate(seeds[Int(random.next() % UInt64(seeds.count))], &random)
                                      : Self.randomText(&random)
            for extended in [false, true] {
                do {
                    let filter = extended ? try Filter(expression: text) : try Filter(rundeck: text)
                    parsed += 1
                    if round % 10 == 0 { _ = filter.select(Self.nodes) }
                } catch {
                    rejected += 1
                    let length = text.utf8.count
                    #expect(error.range.lowerBound >= 0 && error.range.upperBound <= length + 1, "\(text.debugDescription): \(error)")
                    if round % 100 == 0 { _ = error.rendered(filter: text) }
                }
            }
        }
        print("filter fuzz: 200000 compilations, \(parsed) parsed, \(rejected) rejected with a positioned error")
        #expect(parsed > 0 && rejected > 0)
    }

    static func randomText(_ random: inout SplitMix64) -> String {
        (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...Int(random.next() % 4) {
            let at = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count + 1))
            switch random.next() % 4 {
            case 0: scalars.insert(contentsOf: alphabet[Int(random.next() % UInt64(alphabet.count))].unicodeScalars, at: at)
            case 1: if at < scalars.count { scalars.remove(at: at) }
            case 2: scalars = Array(scalars.prefix(at))
            default: if at < scalars.count { scalars.insert(contentsOf: scalars[at...].prefix(5), at: at) }
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}
