import Executor
import Foundation
import Synchronization

/// Prints the nodes' output as it arrives, from many sessions at once, in one of three forms:
/// lines prefixed with the node name (`NODE| line`, the name in colour on a terminal), whole
/// outputs per node in the order the nodes finish (`--group`, under a `==> NODE <==` line,
/// bytes exactly as written), JSON lines, or (`--raw`, one node) the bytes alone. Progress goes to standard error, only when it is
/// a terminal.
final class ExecPrinter: Sendable {
    enum Style: Sendable { case lines, group, jsonl, raw }

    struct State {
        /// Per node: the start of a line not yet ended (lines, jsonl) or everything (group).
        var pending: [String: [UInt8]] = [:]
        var done = 0
        var counts: [String: Int] = [:]
        var progressShown = false
    }

    let style: Style
    let colour: Bool
    let progress: Bool
    let total: Int
    let width: Int
    private let colours: [String: String]
    private let state = Mutex(State())

    init(style: Style, nodes: [String], total: Int) {
        self.style = style
        let environment = ProcessInfo.processInfo.environment
        colour = isatty(1) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        progress = Terminal.stderrIsTerminal
        self.total = total
        width = min(nodes.map(\.count).max() ?? 0, 48)
        let palette = ["36", "33", "32", "35", "34", "96", "93", "92", "95", "94"]
        colours = Dictionary(nodes.enumerated().map { ($0.element, palette[$0.offset % palette.count]) }) { first, _ in first }
    }

    /// Takes bytes a node's command wrote.
    func output(node: String, bytes: [UInt8]) {
        state.withLock { state in
            switch style {
            case .raw:
                write(Data(bytes), &state)
            case .group:
                state.pending[node, default: []] += bytes
            case .lines, .jsonl:
                var buffer = state.pending[node] ?? []
                buffer += bytes
                guard let lastNewline = buffer.lastIndex(of: 0x0A) else {
                    state.pending[node] = buffer
                    return
                }
                let complete = buffer[...lastNewline]
                state.pending[node] = Array(buffer[(lastNewline + 1)...])
                var text = Data()
                for line in complete.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
                    text.append(render(node: node, line: line))
                }
                write(text, &state)
            }
        }
    }

    /// A node finished: prints what it still holds and, in JSON, its result; updates the progress.
    func finished(_ result: NodeResult) {
        state.withLock { state in
            let rest = state.pending.removeValue(forKey: result.node) ?? []
            var text = Data()
            switch style {
            case .group:
                if !rest.isEmpty || result.exitStatus != nil {
                    text.append(Data((colour ? "\u{1B}[1m==> \(result.node) <==\u{1B}[0m\n" : "==> \(result.node) <==\n").utf8))
                    text.append(contentsOf: rest)
                    if let last = rest.last, last != 0x0A { text.append(0x0A) }
                }
            case .lines, .jsonl:
                if !rest.isEmpty { text.append(render(node: result.node, line: rest[...])) }
            case .raw: break
            }
            if style == .jsonl { text.append(Data(Self.resultJSON(result).utf8)) }
            state.done += 1
            state.counts[ExecSummary.category(result), default: 0] += 1
            write(text, &state)
            if progress { drawProgress(&state) }
        }
    }

    /// Writes a `--debug` line to standard error.
    func debug(node: String, line: String) {
        state.withLock { state in
            clearProgress(&state)
            Terminal.error("debug: \(node)| \(line)\n")
        }
    }

    /// Removes the progress line before the summary.
    func endProgress() {
        state.withLock { clearProgress(&$0) }
    }

    // MARK: - Rendering

    private func render(node: String, line: ArraySlice<UInt8>) -> Data {
        switch style {
        case .jsonl:
            let text = String(decoding: line, as: UTF8.self)
            return Data(#"{"node":\#(JSONText.quote(node)),"stream":"stdout","line":\#(JSONText.quote(text))}"#.utf8 + [0x0A])
        case .lines, .group, .raw:
            let padded = node.padding(toLength: max(width, node.count), withPad: " ", startingAt: 0)
            var data = Data((colour ? "\u{1B}[\(colours[node] ?? "36")m\(padded)\u{1B}[0m| " : "\(padded)| ").utf8)
            data.append(contentsOf: line)
            data.append(0x0A)
            return data
        }
    }

    static func resultJSON(_ result: NodeResult) -> String {
        let milliseconds = result.duration.components.seconds * 1000 + result.duration.components.attoseconds / 1_000_000_000_000_000
        let exit = result.exitStatus.map(String.init) ?? "null"
        let error = result.errorText.map(JSONText.quote) ?? "null"
        return #"{"node":\#(JSONText.quote(result.node)),"status":"\#(ExecSummary.category(result))","exit":\#(exit),"durationMs":\#(milliseconds),"error":\#(error)}"# + "\n"
    }

    private func write(_ data: Data, _ state: inout State) {
        guard !data.isEmpty else { return }
        clearProgress(&state)
        FileHandle.standardOutput.write(data)
    }

    private func drawProgress(_ state: inout State) {
        let counts = ["ok", "failed", "lost", "error", "skipped"].compactMap { key in state.counts[key].map { "\($0) \(key)" } }
        Terminal.error("\r\u{1B}[K[\(state.done)/\(total)] " + counts.joined(separator: ", "))
        state.progressShown = true
    }

    private func clearProgress(_ state: inout State) {
        guard state.progressShown else { return }
        Terminal.error("\r\u{1B}[K")
        state.progressShown = false
    }
}

/// JSON string literals.
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
