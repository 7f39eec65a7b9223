/// One prerequisite of ECS Exec that `ecsnodes check` tests on a node (anchors.md §4.6).
enum ExecCheck: String, CaseIterable, Sendable {
    /// The task was started with `enableExecuteCommand` (`ECS:Exec-Enabled`).
    case execEnabled = "exec-enabled"
    /// The container's ExecuteCommandAgent is RUNNING (`ECS:Exec-Agent-Status`).
    case agent
    /// The task's last status is RUNNING (`ECS:Last-Status`).
    case taskStatus = "task-status"
    /// A FARGATE task runs platform version 1.4.0 or later (`ECS:Platform-Version`).
    case platform
    /// The task definition has a task role (DescribeTaskDefinition's `taskRoleArn`).
    case taskRole = "task-role"
    /// The task's containers do not share one PID namespace (`pidMode: task`), in which ECS
    /// Exec reaches only one of them (DescribeTaskDefinition's `pidMode`).
    case pidMode = "pid-mode"
    /// The cluster's `executeCommandConfiguration`: KMS key and logging (DescribeClusters).
    case clusterConfig = "cluster-config"
    /// The caller may call `ecs:ExecuteCommand` (not checked: needs iam:SimulatePrincipalPolicy).
    case permission
}

/// How a check came out.
enum CheckStatus: String, Sendable, Comparable {
    /// The prerequisite holds.
    case ok
    /// It holds, but something is worth knowing (not recommended, or needs more permissions).
    case warn
    /// It does not hold: ECS Exec cannot work on this node until it is fixed.
    case fail
    /// It could not be found out (the reason says why).
    case unknown

    private var rank: Int { [.ok: 0, .unknown: 1, .warn: 2, .fail: 3][self]! }
    static func < (left: CheckStatus, right: CheckStatus) -> Bool { left.rank < right.rank }
}

/// A check's outcome on one node: the status, why, and (unless ok) how to fix it.
struct CheckOutcome: Sendable {
    var check: ExecCheck
    var status: CheckStatus
    var reason: String
    var fix: String?

    static func ok(_ check: ExecCheck, _ reason: String) -> CheckOutcome { CheckOutcome(check: check, status: .ok, reason: reason) }
}

/// Every check of one node.
struct NodeCheckReport: Sendable {
    var node: String
    var outcomes: [CheckOutcome]

    /// The worst status of the node's checks, leaving out the permission check (never checked).
    var worst: CheckStatus { outcomes.filter { $0.check != .permission }.map(\.status).max() ?? .ok }
}
