import NodeModel

/// Checks, from a node's attributes alone, that ECS Exec can reach its container: the task
/// was started with execute command enabled and the container's ExecuteCommandAgent is
/// RUNNING (anchors.md §4.2). A node that fails is skipped with the reason and the fix.
public enum Preflight {
    /// Why `node` cannot be reached, or nil when it can.
    public static func check(_ node: Node) -> SkipReason? {
        let task = node[attribute: "ECS:Task-ID"] ?? node[attribute: "ECS:Task-ARN"] ?? "?"
        let container = node[attribute: "ECS:Container-Name"] ?? node.name
        switch node[attribute: "ECS:Exec-Enabled"] {
        case "true": break
        case nil: return .unknownExecState(attribute: "ECS:Exec-Enabled")
        default: return .execNotEnabled(task: task)
        }
        switch node[attribute: "ECS:Exec-Agent-Status"] {
        case "RUNNING": return nil
        case nil: return .unknownExecState(attribute: "ECS:Exec-Agent-Status")
        case let status?: return .agentNotRunning(container: container, status: status)
        }
    }
}

/// Why a node was not run.
public enum SkipReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// The task was not started with execute command enabled.
    case execNotEnabled(task: String)
    /// The container's ExecuteCommandAgent is not RUNNING (yet).
    case agentNotRunning(container: String, status: String)
    /// The node does not say whether ECS Exec is possible.
    case unknownExecState(attribute: String)
    /// The node lacks the attributes that name its task and container.
    case notAnECSContainer(missing: [String])
    /// An earlier node failed and `--keep-going` was not given.
    case notStartedAfterFailure
    /// The run was interrupted before this node started.
    case interrupted

    public var description: String {
        switch self {
        case .execNotEnabled(let task):
            "execute command is not enabled on task \(task): run the task or service with --enable-execute-command (a running task cannot be changed; replace it)"
        case .agentNotRunning(let container, let status):
            "the ExecuteCommandAgent of container \(container) is \(status), not RUNNING: wait until it is (it starts after the task), or see the task's managed agents with aws ecs describe-tasks"
        case .unknownExecState(let attribute):
            "the node has no \(attribute) attribute, so ECS Exec may not be possible: list nodes from the live inventory, or pass --no-preflight to try anyway"
        case .notAnECSContainer(let missing):
            "the node has no \(missing.joined(separator: ", ")): ecsnodes exec needs the ECS attributes of the live inventory (ecsnodes nodes -o json)"
        case .notStartedAfterFailure:
            "not started because an earlier node failed (pass --keep-going to run every node)"
        case .interrupted:
            "not started: interrupted"
        }
    }
}
