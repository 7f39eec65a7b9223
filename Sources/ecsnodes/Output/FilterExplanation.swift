import FilterLang
import Foundation

/// `filter explain` output: tokens, Rundeck's maps and the evaluated tree.
enum FilterExplanation {
    static func text(_ filter: Filter) -> String {
        var lines = ["language: \(filter.language.rawValue)"]
        if let rundeck = filter.rundeck {
            let tokens = RundeckTokenizer.burst(filter.text).map { "[\(RundeckQuoting.quote($0))]" }
            lines.append("tokens: " + (tokens.isEmpty ? "(none)" : tokens.joined(separator: " ")))
            lines.append("include: " + describe(rundeck.include))
            lines.append("exclude: " + describe(rundeck.exclude))
            lines.append("exclude precedence: \(filter.excludePrecedence)")
        }
        lines.append("selects:")
        return lines.joined(separator: "\n") + "\n" + filter.expression.explained(indent: "  ")
    }

    static func json(_ filter: Filter) -> String {
        var object: [String: Any] = ["language": filter.language.rawValue, "filter": filter.text, "tree": filter.expression.explainedJSON]
        if let rundeck = filter.rundeck {
            object["tokens"] = RundeckTokenizer.burst(filter.text)
            object["include"] = rundeck.includeMap
            object["exclude"] = rundeck.excludeMap
            object["excludePrecedence"] = filter.excludePrecedence
        }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func describe(_ entries: [RundeckFilter.Entry]) -> String {
        entries.isEmpty ? "(none)" : entries.map { "\(RundeckQuoting.quote($0.key)) = \(RundeckQuoting.quote($0.value.text))" }.joined(separator: ", ")
    }
}
