import AWSCore
import NodeModel

/// The checks of `ecsnodes check`, like amazon-ecs-exec-checker's but for every selected node:
/// from the node's attributes (exec enabled, agent, task status, platform version), and from
/// what ``Lookups`` found for its task definition (task role, PID mode) and cluster (KMS key,
/// logging).
struct ExecChecker {
    /// A value looked up from AWS, or why it could not be.
    enum Lookup<Value: Sendable>: Sendable {
        case found(Value)
        case failed(String)
    }

    /// Task definitions by ARN, and `executeCommandConfiguration` by cluster ARN.
    struct Lookups: Sendable {
        var definitions: [String: Lookup<ECS.TaskDefinition>] = [:]
        var clusters: [String: Lookup<ECS.ExecuteCommandConfiguration?>] = [:]

        /// One DescribeTaskDefinition per distinct definition and one DescribeClusters per
        /// distinct cluster of `nodes`, in the node's region, `concurrency` calls at a time.
        static func fetch(for nodes: [Node], concurrency: Int, client: @escaping @Sendable (String) -> ECSClient) async -> Lookups {
            var definitions: [String: String] = [:], clusters: [String: String] = [:]
            for node in nodes {
                guard let region = node[attribute: "ECS:Region"] else { continue }
                if let arn = node[attribute: "ECS:Task-Definition-ARN"] { definitions[arn] = region }
                if let arn = node[attribute: "ECS:Cluster-ARN"] { clusters[arn] = region }
            }
            enum Answer: Sendable {
                case definition(String, Lookup<ECS.TaskDefinition>)
                case cluster(String, Lookup<ECS.ExecuteCommandConfiguration?>)
            }
            let calls: [@Sendable () async -> Answer] = definitions.map { arn, region in
                { @Sendable in
                    do {
                        let answer = try await client(region).describeTaskDefinition(.init(taskDefinition: arn, include: nil))
                        guard let definition = answer.taskDefinition else { return .definition(arn, .failed("DescribeTaskDefinition did not find \(arn)")) }
                        return .definition(arn, .found(definition))
                    } catch {
                        return .definition(arn, .failed(firstLine(error)))
                    }
                }
            } + clusters.map { arn, region in
                { @Sendable in
                    do {
                        let answer = try await client(region).describeClusters(.init(clusters: [arn], include: ["CONFIGURATIONS"]))
                        guard let found = answer.clusters?.first else { return .cluster(arn, .failed("DescribeClusters did not find \(arn)")) }
                        return .cluster(arn, .found(found.configuration?.executeCommandConfiguration))
                    } catch {
                        return .cluster(arn, .failed(firstLine(error)))
                    }
                }
            }
            var lookups = Lookups()
            await withTaskGroup(of: Answer.self) { group in
                var next = 0
                func record(_ answer: Answer) {
                    switch answer {
                    case .definition(let arn, let lookup): lookups.definitions[arn] = lookup
                    case .cluster(let arn, let lookup): lookups.clusters[arn] = lookup
                    }
                }
                while next < min(concurrency, calls.count) {
                    group.addTask(operation: calls[next])
                    next += 1
                }
                while let answer = await group.next() {
                    record(answer)
                    if next < calls.count {
                        group.addTask(operation: calls[next])
                        next += 1
                    }
                }
            }
            return lookups
        }

        /// The error's first line (its message without the hint).
        private static func firstLine(_ error: any Error) -> String {
            String(String(describing: error).split(separator: "\n", maxSplits: 1).first ?? "")
        }
    }

    let lookups: Lookups

    /// Every check on `node`, in ``ExecCheck`` order.
    func report(_ node: Node) -> NodeCheckReport {
        NodeCheckReport(node: node.name, outcomes: ExecCheck.allCases.map { check($0, node) })
    }

    private func check(_ check: ExecCheck, _ node: Node) -> CheckOutcome {
        func missing(_ attribute: String) -> CheckOutcome {
            CheckOutcome(check: check, status: .unknown, reason: "the node has no \(attribute) attribute",
                         fix: "check nodes of the live inventory (or a file written by ecsnodes nodes -o json)")
        }
        switch check {
        case .execEnabled:
            switch node[attribute: "ECS:Exec-Enabled"] {
            case "true": return .ok(check, "enableExecuteCommand is true")
            case nil: return missing("ECS:Exec-Enabled")
            default:
                return CheckOutcome(check: check, status: .fail, reason: "the task was started without enableExecuteCommand",
                                    fix: "run the task or update the service with --enable-execute-command, then replace the task (a running task cannot be changed)")
            }
        case .agent:
            switch node[attribute: "ECS:Exec-Agent-Status"] {
            case "RUNNING": return .ok(check, "the ExecuteCommandAgent is RUNNING")
            case nil where node[attribute: "ECS:Exec-Enabled"] != "true":
                return CheckOutcome(check: check, status: .fail, reason: "the container has no ExecuteCommandAgent (exec is not enabled)",
                                    fix: "enable execute command on the task (see exec-enabled)")
            case nil: return missing("ECS:Exec-Agent-Status")
            case let status?:
                return CheckOutcome(check: check, status: .fail, reason: "the ExecuteCommandAgent is \(status), not RUNNING",
                                    fix: "wait if the task has just started; else check the task role's ssmmessages permissions and the agent's reason (aws ecs describe-tasks), and replace the task")
            }
        case .taskStatus:
            switch node[attribute: "ECS:Last-Status"] {
            case "RUNNING": return .ok(check, "the task is RUNNING")
            case nil: return missing("ECS:Last-Status")
            case let status? where ["PROVISIONING", "PENDING", "ACTIVATING"].contains(status):
                return CheckOutcome(check: check, status: .fail, reason: "the task is \(status), not RUNNING yet", fix: "wait until it is RUNNING")
            case let status?:
                return CheckOutcome(check: check, status: .fail, reason: "the task is \(status): it is going away", fix: "use a running task")
            }
        case .platform:
            guard node[attribute: "ECS:Task-Launch-Type"] == "FARGATE" else {
                return .ok(check, "not a Fargate task (on EC2, ECS agent 1.50.2 or later is needed: not checked)")
            }
            guard let version = node[attribute: "ECS:Platform-Version"] else { return missing("ECS:Platform-Version") }
            if version == "LATEST" || Self.atLeast(version, [1, 4, 0]) { return .ok(check, "Fargate platform version \(version)") }
            guard Self.numbers(version) != nil else {
                return CheckOutcome(check: check, status: .unknown, reason: "Fargate platform version '\(version)' is not a version number", fix: nil)
            }
            return CheckOutcome(check: check, status: .fail, reason: "Fargate platform version \(version) is older than 1.4.0",
                                fix: "update the service (or run the task) with --platform-version 1.4.0 or LATEST")
        case .taskRole, .pidMode:
            guard let arn = node[attribute: "ECS:Task-Definition-ARN"] else { return missing("ECS:Task-Definition-ARN") }
            return Self.judged(check, lookups.definitions[arn], what: "task definition", action: "ecs:DescribeTaskDefinition") { definition in
                check == .taskRole ? Self.taskRoleOutcome(definition) : Self.pidModeOutcome(definition)
            }
        case .clusterConfig:
            guard let arn = node[attribute: "ECS:Cluster-ARN"] else { return missing("ECS:Cluster-ARN") }
            return Self.judged(check, lookups.clusters[arn], what: "cluster", action: "ecs:DescribeClusters", Self.clusterOutcome)
        case .permission:
            return CheckOutcome(check: check, status: .unknown, reason: "not checked (that needs iam:SimulatePrincipalPolicy)",
                                fix: "if ExecuteCommand is refused, allow ecs:ExecuteCommand on the task for the caller (and kms:GenerateDataKey when the cluster sets a KMS key)")
        }
    }

    /// `outcome` of what was looked up; unknown when the lookup failed (allowing `action` fixes
    /// that) or was not made.
    private static func judged<Value>(_ check: ExecCheck, _ lookup: Lookup<Value>?, what: String, action: String,
                                      _ outcome: (Value) -> CheckOutcome) -> CheckOutcome {
        switch lookup {
        case .found(let value)?: outcome(value)
        case .failed(let why)?: CheckOutcome(check: check, status: .unknown, reason: why, fix: "allow \(action) to check this")
        case nil: CheckOutcome(check: check, status: .unknown, reason: "the \(what) was not looked up", fix: nil)
        }
    }

    /// A task role is needed: the agent's ssmmessages permissions come from it.
    private static func taskRoleOutcome(_ definition: ECS.TaskDefinition) -> CheckOutcome {
        if let role = definition.taskRoleArn { return .ok(.taskRole, "task role \(role)") }
        return CheckOutcome(check: .taskRole, status: .fail, reason: "the task definition has no task role",
                            fix: "set a taskRoleArn whose policy allows ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel; register a new revision and redeploy")
    }

    /// `pidMode: task` with more than one container is a warning: ECS Exec reaches only one
    /// container of such a task (anchors.md §4.1), which one is not for the caller to choose.
    private static func pidModeOutcome(_ definition: ECS.TaskDefinition) -> CheckOutcome {
        let containers = definition.containerDefinitions?.count ?? 0
        guard definition.pidMode == "task", containers > 1 else {
            return .ok(.pidMode, definition.pidMode == "task" ? "pidMode task, one container" : "pidMode \(definition.pidMode ?? "not set")")
        }
        return CheckOutcome(check: .pidMode, status: .warn,
                            reason: "the task's \(containers) containers share one PID namespace (pidMode task): ECS Exec reaches only one of them",
                            fix: "expect TargetNotConnected from the others; to exec into each container, drop pidMode task from the task definition and redeploy")
    }

    /// The cluster's KMS key and logging: a key or logging NONE is a warning, not a failure.
    private static func clusterOutcome(_ configuration: ECS.ExecuteCommandConfiguration?) -> CheckOutcome {
        let logging = configuration?.logging ?? "DEFAULT"
        var reasons: [String] = [], fixes: [String] = []
        if let key = configuration?.kmsKeyId {
            reasons.append("sessions are encrypted with KMS key \(key): the caller needs kms:GenerateDataKey and the task role kms:Decrypt on it (not checked)")
            fixes.append("allow kms:GenerateDataKey on the key for the caller and kms:Decrypt for the task role (IAM and key policy)")
        }
        if logging == "NONE" {
            reasons.append("logging is NONE: commands and output are not recorded")
            fixes.append("set executeCommandConfiguration.logging to DEFAULT or OVERRIDE for an audit trail")
        }
        guard !reasons.isEmpty else { return .ok(.clusterConfig, "no KMS key, logging \(logging)") }
        return CheckOutcome(check: .clusterConfig, status: .warn, reason: reasons.joined(separator: "; "), fix: fixes.joined(separator: "; "))
    }

    static func numbers(_ version: String) -> [Int]? {
        let parts = version.split(separator: ".").map { Int($0) }
        return parts.isEmpty || parts.contains(nil) ? nil : parts.compactMap { $0 }
    }

    /// Whether dotted `version` is at least `minimum`.
    static func atLeast(_ version: String, _ minimum: [Int]) -> Bool {
        guard let parts = numbers(version) else { return false }
        for index in 0..<max(parts.count, minimum.count) {
            let left = index < parts.count ? parts[index] : 0, right = index < minimum.count ? minimum[index] : 0
            if left != right { return left > right }
        }
        return true
    }
}
