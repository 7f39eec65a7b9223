import ArgumentParser
import Executor

/// The end of an `exec` run: a summary on standard error and the exit status.
struct ExecSummary {
    var results: [NodeResult]
    var wallTime: Duration
    var interrupted: Bool
    /// Adds a line of data-channel frame counts (`--debug`, or `ECSNODES_FRAME_STATS=1`).
    var showFrames = false

    /// `ok`, `failed`, `lost`, `error` or `skipped`.
    static func category(_ result: NodeResult) -> String {
        switch result.status {
        case .ok: "ok"
        case .failed: "failed"
        case .lost: "lost"
        case .error: "error"
        case .skipped: "skipped"
        }
    }

    /// 130 when interrupted; else 8 when a node was lost or could not be reached, else 1 when
    /// a command exited non-zero, else 9 when a node was skipped, else 0.
    var exitStatus: ExitCode {
        let categories = Set(results.map(Self.category))
        if interrupted { return ExitStatus.interrupted }
        if categories.contains("lost") || categories.contains("error") { return ExitStatus.nodesLost }
        if categories.contains("failed") { return ExitStatus.nodesFailed }
        if categories.contains("skipped") { return ExitStatus.nodesSkipped }
        return ExitStatus.success
    }

    /// `--raw`: the one node's own exit status when its command ran; else as ``exitStatus``.
    var rawExitStatus: ExitCode {
        if !interrupted, results.count == 1, let status = results[0].exitStatus { return ExitCode(status) }
        return exitStatus
    }

    /// `--raw`: nothing when the command ran (its status says how); else why it did not.
    var rawText: String {
        results.compactMap { $0.errorText.map { "error: \($0)\n" } }.joined()
    }

    /// The summary: counts, then each node that did not exit 0 (at most 20 per kind), then
    /// the slowest nodes.
    var text: String {
        var counts: [String: Int] = [:]
        for result in results { counts[Self.category(result), default: 0] += 1 }
        let order = ["ok", "failed", "lost", "error", "skipped"]
        var lines = ["\(results.count) node\(results.count == 1 ? "" : "s"): "
            + order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
            + " in \(Self.seconds(wallTime))" + (interrupted ? " (interrupted)" : "")]
        for kind in order.dropFirst() {
            let matching = results.filter { Self.category($0) == kind }
            for result in matching.prefix(20) {
                switch result.status {
                case .failed(let status): lines.append("failed: \(result.node): exit \(status)\(Self.signal(status))")
                default: lines.append("\(kind): \(result.node): \(result.errorText.map { $0.hasPrefix("skipped: ") ? String($0.dropFirst(9)) : $0 } ?? "")")
                }
            }
            if matching.count > 20 { lines.append("\(kind): … and \(matching.count - 20) more") }
        }
        if showFrames {
            let total = results.reduce(into: ChannelStatistics()) { sum, result in
                sum.framesIn += result.statistics.framesIn
                sum.framesOut += result.statistics.framesOut
                sum.resent += result.statistics.resent
                sum.duplicatesIn += result.statistics.duplicatesIn
                sum.framesRejected += result.statistics.framesRejected
                sum.acksOut += result.statistics.acksOut
            }
            lines.append("frames: \(total.framesIn) in (\(total.duplicatesIn) duplicates, \(total.framesRejected) rejected), "
                + "\(total.framesOut) input out, \(total.resent) resent, \(total.acksOut) acknowledgements out")
        }
        let ran = results.filter { $0.exitStatus != nil }.sorted { $0.duration > $1.duration }
        if ran.count > 1 {
            lines.append("slowest: " + ran.prefix(3).map { "\($0.node) \(Self.seconds($0.duration))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value < 10 ? "\((value * 100).rounded() / 100) s" : "\((value * 10).rounded() / 10) s"
    }

    /// ` (killed by SIGKILL)` for 128 + a known signal number.
    static func signal(_ status: Int32) -> String {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM"]
        guard status > 128, let name = names[status - 128] else { return "" }
        return " (killed by \(name))"
    }
}
