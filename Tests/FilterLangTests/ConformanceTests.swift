import Foundation
import Testing
@testable import FilterLang
import NodeModel

/// Rundeck's own filter assertions (../shared/conformance/rundeck-filter-cases.json), every one.
struct ConformanceTests {
    typealias Case = [String: Any]

    nonisolated(unsafe) static let cases: [Case] = (try? Fixture.json("rundeck-filter-cases.json") as? [Case]) ?? []
    static let ids: [String] = cases.map { $0["id"] as! String }

    @Test(arguments: ids)
    func rundeckCase(_ id: String) {
        let failure = Self.failure(of: Self.cases.first { $0["id"] as? String == id }!)
        #expect(failure == nil, "\(id): \(failure ?? "")")
    }

    @Test func wholeCorpusRunsAndPasses() {
        var ran: [String: Int] = [:]
        var failed: [String] = []
        for c in Self.cases {
            ran[c["kind"] as! String, default: 0] += 1
            if let failure = Self.failure(of: c) { failed.append("\(c["id"]!): \(failure)") }
        }
        let total = ran.values.reduce(0, +)
        print("Rundeck conformance: \(total) cases ran (\(ran.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))), \(total - failed.count) passed, \(failed.count) failed")
        #expect(total == 290)
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
    }

    /// Runs one case; nil when it passes, else what went wrong.
    static func failure(of c: Case) -> String? {
        do {
            switch c["kind"] as! String {
            case "tokenize":
                let tokens = RundeckTokenizer.burst(c["input"] as! String)
                return tokens == c["tokens"] as! [String] ? nil : "tokens \(tokens)"
            case "join":
                let joined = RundeckQuoting.join(c["args"] as! [String])
                return joined == c["expect"] as! String ? nil : "joined \(joined)"
            case "parse":
                let expected = c["parse"] as! [String: [String: String]]
                let parsed = RundeckFilter(parsing: c["filter"] as! String)
                return parsed.includeMap == expected["include"]! && parsed.excludeMap == expected["exclude"]!
                    ? nil : "parsed include \(parsed.includeMap) exclude \(parsed.excludeMap)"
            case "match":
                return try match(c)
            case "primitive":
                return try primitive(c)
            default:
                return "unknown kind"
            }
        } catch {
            return c["expect_error"] != nil ? nil : "unexpected error \(error)"
        }
    }

    static func match(_ c: Case) throws -> String? {
        let nodes = (c["nodes"] as! [Case]).map(node)
        let filter = try Filter(rundeck: c["filter"] as! String, excludePrecedence: c["excludePrecedence"] as? Bool ?? true)
        if c["expect_error"] != nil { return "expected an error" }
        let selected = filter.select(nodes).nodes.map(\.name).sorted()
        return selected == c["expect"] as! [String] ? nil : "selected \(selected)"
    }

    static func primitive(_ c: Case) throws -> String? {
        let scratch = RegexScratch()
        func located(_ text: String) -> LocatedText { LocatedText(synthetic: text, at: 0) }
        let result: Bool
        switch c["function"] as! String {
        case "matchRegexOrEquals":
            result = try RegexOrEquals(located(c["selector"] as! String)).matches(c["value"] as! String, scratch: scratch)
        case "matchesInput":
            result = try RundeckSelector(located(c["selector"] as! String)).matches(c["value"] as? String, scratch: scratch)
        case "matchesInputSet":
            let tags = Array(Set(c["values"] as! [String])).sorted()
            result = try RundeckTagSelector(located(c["selector"] as! String)).matches(tags, scratch: scratch)
        case "matchesInputMap":
            let attributes = c["attributes"] as! [String: String]
            var results: [Bool] = []
            for (key, selector) in c["selectors"] as! [String: String] {
                results.append(try RundeckSelector(located(selector)).matches(attributes[key], scratch: scratch))
            }
            result = c["matchAll"] as! Bool ? results.allSatisfy { $0 } : results.contains(true)
        default:
            return "unknown function"
        }
        if c["expect_error"] != nil { return "expected an error" }
        return result == c["expect"] as! Bool ? nil : "got \(result)"
    }

    static func node(_ c: Case) -> Node {
        Node(name: c["nodename"] as! String,
             attributes: c["attributes"] as? [String: String] ?? [:],
             tags: c["tags"] as? [String] ?? [])
    }
}
