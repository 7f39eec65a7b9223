import FilterLang
import Foundation
import NodeModel
import NodeSource

/// Polls an inventory (live, or a file) at an interval and reports what changed among the
/// nodes a filter selects: every node is "added" at the first poll.
struct InventoryWatcher {
    let from: String?
    let source: SourceOptions
    let filter: Filter
    let interval: Duration
    /// Polls to make; nil for as long as the process runs.
    let polls: Int?

    func run(report: ([NodeChange]) -> Void) async throws {
        let definitions = TaskDefinitionCache()
        var previous: [Node] = []
        var poll = 0
        while polls.map({ poll < $0 }) ?? true {
            if poll > 0 { try await Task.sleep(for: interval) }
            let nodes = if let from {
                try NodeSelection.select(from: from, filter: filter, fullNodes: true).nodes
            } else {
                NodeSelection.select(try await LiveInventory(options: source).poll(taskDefinitions: definitions).nodes, filter: filter).nodes
            }
            report(NodeChange.between(previous, nodes))
            previous = nodes
            poll += 1
        }
    }
}

/// How `watch` writes changes.
enum WatchFormat: String, CaseIterable {
    /// `+ name`, `- name`, `~ name  attribute: old -> new; …`, each after a UTC timestamp.
    case text
    /// One JSON object per change: time, event (added, removed, changed), node, and the
    /// attributes (added) or the changes (changed).
    case jsonl

    func render(_ changes: [NodeChange], at date: Date = Date()) -> String {
        let time = ISO8601DateFormatter().string(from: date)
        return changes.map { change in
            switch self {
            case .text: "\(time) \(Self.text(change))\n"
            case .jsonl: Self.json(change, time: time) + "\n"
            }
        }.joined()
    }

    private static func text(_ change: NodeChange) -> String {
        switch change {
        case .added(let node): "+ \(node.name)"
        case .removed(let node): "- \(node.name)"
        case .changed(let node, let differences):
            "~ \(node.name)  " + differences.keys.sorted().map { key in
                "\(key): \(differences[key]!.old ?? "(none)") -> \(differences[key]!.new ?? "(none)")"
            }.joined(separator: "; ")
        }
    }

    private static func json(_ change: NodeChange, time: String) -> String {
        var object: [String: Any] = ["time": time, "node": change.node.name]
        switch change {
        case .added(let node):
            object["event"] = "added"
            object["attributes"] = node.allAttributes
        case .removed:
            object["event"] = "removed"
        case .changed(_, let differences):
            object["event"] = "changed"
            object["changes"] = differences.mapValues { ["old": $0.old as Any, "new": $0.new as Any] }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
