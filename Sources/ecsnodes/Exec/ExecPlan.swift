import Executor
import NodeModel

/// The selected nodes sorted into those that will run (with their command filled in) and
/// those skipped, with why.
struct ExecPlan {
    var jobs: [NodeJob] = []
    var skipped: [NodeResult] = []

    /// Plans `command` over `nodes`; a `${node.…}` reference that a node cannot fill ends the
    /// command before anything runs (usage error, 64), naming the attribute and the nodes.
    init(nodes: [Node], command: CommandTemplate, preflight: Bool) throws {
        var missing: [CommandTemplateError] = []
        for node in nodes.sorted(by: { $0.name.precedesBytewise($1.name) }) {
            let rendered: String
            do {
                rendered = try command.render(for: node)
            } catch {
                missing.append(error)
                continue
            }
            if preflight, let reason = Preflight.check(node) {
                skipped.append(NodeResult(node: node.name, status: .skipped(reason)))
                continue
            }
            switch ExecTarget.of(node) {
            case .success(let target): jobs.append(NodeJob(target: target, command: rendered))
            case .failure(let reason): skipped.append(NodeResult(node: node.name, status: .skipped(reason)))
            }
        }
        if let first = missing.first {
            let more = missing.count > 1 ? " (and \(missing.count - 1) more node\(missing.count == 2 ? "" : "s"))" : ""
            Terminal.diagnostic("error: \(first)\(more)\nhint: nothing was run; see the attributes with ecsnodes nodes -o json, or narrow the filter\n")
            throw ExitStatus.usage
        }
    }
}
