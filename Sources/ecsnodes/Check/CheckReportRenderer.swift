import Foundation

/// Writes `ecsnodes check`'s reports: a table (a row per node, a column per check), each
/// problem with its reason and fix, and a summary line; or one JSON document.
enum CheckReportRenderer {
    /// The table, the problems and the summary.
    static func table(_ reports: [NodeCheckReport]) -> String {
        let header = ["node"] + ExecCheck.allCases.map(\.rawValue)
        let rows = reports.map { report in [report.node] + report.outcomes.map { cell($0.status) } }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.offset == cells.count - 1 ? $0.element : $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "\n"
        }
        var text = line(header) + rows.map(line).joined()
        let problems = reports.flatMap { report in
            report.outcomes.filter { $0.status != .ok && $0.check != .permission }.map { (report.node, $0) }
        }
        if !problems.isEmpty { text += "\n" }
        for (node, outcome) in problems {
            text += "\(node): \(outcome.check.rawValue) \(cell(outcome.status)): \(outcome.reason)\n"
            if let fix = outcome.fix { text += "  fix: \(fix)\n" }
        }
        return text + "\n" + summary(reports) + "\n"
    }

    /// `N nodes: A ready, B with warnings, C failing, D unknown` (and the unchecked permission).
    static func summary(_ reports: [NodeCheckReport]) -> String {
        let counts = Self.counts(reports)
        return "\(reports.count) node\(reports.count == 1 ? "" : "s"): \(counts.ready) ready, \(counts.warnings) with warnings, "
            + "\(counts.failing) failing; the caller's ecs:ExecuteCommand permission is not checked"
    }

    /// `{"nodes": [{"node", "status", "checks": [{"check", "status", "reason", "fix"}]}], "summary": {…}}`.
    static func json(_ reports: [NodeCheckReport]) -> String {
        let counts = Self.counts(reports)
        let document: [String: Any] = [
            "nodes": reports.map { report in
                ["node": report.node, "status": report.worst.rawValue,
                 "checks": report.outcomes.map { outcome in
                     ["check": outcome.check.rawValue, "status": outcome.status.rawValue, "reason": outcome.reason, "fix": outcome.fix ?? NSNull()] as [String: Any]
                 }] as [String: Any]
            },
            "summary": ["nodes": reports.count, "ready": counts.ready, "warnings": counts.warnings, "failing": counts.failing],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Nodes with a failing check, nodes whose worst is a warning, and the rest (ok, or ok and
    /// unknown).
    private static func counts(_ reports: [NodeCheckReport]) -> (ready: Int, warnings: Int, failing: Int) {
        let failing = reports.filter { $0.worst == .fail }.count
        let warnings = reports.filter { $0.worst == .warn }.count
        return (reports.count - failing - warnings, warnings, failing)
    }

    private static func cell(_ status: CheckStatus) -> String {
        switch status {
        case .ok: "ok"
        case .warn: "warn"
        case .fail: "FAIL"
        case .unknown: "?"
        }
    }
}
