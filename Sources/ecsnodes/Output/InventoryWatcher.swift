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

    /// One JSON object, keys in bytewise order (written by hand: JSONSerialization's sorted
    /// keys compare through ICU, which took seconds for 10,000 added nodes).
    private static func json(_ change: NodeChange, time: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        func key(_ name: String) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            ResourceJSON.appendQuoted(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        func value(_ text: String?) {
            if let text { ResourceJSON.appendQuoted(text, to: &out) } else { out += Array("null".utf8) }
        }
        func object(_ pairs: [(String, () -> Void)]) {
            out.append(UInt8(ascii: "{"))
            for (index, (name, write)) in pairs.sorted(by: { $0.0.precedesBytewise($1.0) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                ResourceJSON.appendQuoted(name, to: &out)
                out.append(UInt8(ascii: ":"))
                write()
            }
            out.append(UInt8(ascii: "}"))
        }
        switch change {
        case .added(let node):
            key("attributes")
            object(node.allAttributes.map { name, text in (name, { value(text) }) })
        case .removed:
            break
        case .changed(_, let differences):
            key("changes")
            object(differences.map { name, difference in (name, { object([("new", { value(difference.new) }), ("old", { value(difference.old) })]) }) })
        }
        let event = switch change {
        case .added: "added"
        case .removed: "removed"
        case .changed: "changed"
        }
        key("event")
        value(event)
        key("node")
        value(change.node.name)
        key("time")
        value(time)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
