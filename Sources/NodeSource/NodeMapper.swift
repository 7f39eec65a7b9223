import AWSCore
import NodeModel

/// Turns described ECS tasks into Rundeck nodes: one node per container.
///
/// A node is named `<container name>-<container UUID>` (the UUID is the last segment of the
/// container ARN), as the seed names them (anchors.md §1.3), and carries the `ECS:` attributes
/// of examples/fleet.json plus Rundeck's `hostname`, `osFamily`, `username`, `description`
/// and tags. A field AWS leaves out (or sends empty) gives no attribute, never `"null"`.
/// Pure: the same task, region and definition always give the same nodes.
public struct NodeMapper: Sendable, Hashable {
    /// Recorded in every node as `assume-role-arn` when set, as the seed does.
    public var assumeRoleARN: String?

    public init(assumeRoleARN: String? = nil) {
        self.assumeRoleARN = assumeRoleARN
    }

    /// The nodes of `task`'s containers, in the task's order, described in `region`;
    /// `taskDefinition` (its `DescribeTaskDefinition`) fills in what the task leaves out.
    public func nodes(for task: ECS.Task, region: String, taskDefinition: ECS.TaskDefinition? = nil) -> [Node] {
        let facts = TaskFacts(task: task, region: region, definition: taskDefinition, assumeRoleARN: assumeRoleARN)
        return (task.containers ?? []).map { facts.node(for: $0) }
    }

    /// The node of one container of `task`.
    public func node(
        for container: ECS.Container, of task: ECS.Task, region: String, taskDefinition: ECS.TaskDefinition? = nil
    ) -> Node {
        TaskFacts(task: task, region: region, definition: taskDefinition, assumeRoleARN: assumeRoleARN).node(for: container)
    }

    /// `<container name>-<container UUID>`; the task id stands in for a missing container ARN
    /// (names are unique within a task).
    public static func nodeName(container: ECS.Container, task: ECS.Task) -> String {
        let name = container.name.nonEmpty ?? "container"
        if let arn = container.containerArn.nonEmpty {
            return "\(name)-\(arn.split(separator: "/").last.map(String.init) ?? arn)"
        }
        return "\(name)-\(task.id.nonEmpty ?? container.runtimeId.nonEmpty ?? "unknown")"
    }

    /// The service a task belongs to: `NAME` of its `service:NAME` group; nil for standalone tasks.
    public static func serviceName(group: String?) -> String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return String(group.dropFirst("service:".count)).nonEmpty
    }

    /// The family of a task, from its definition ARN (`task-definition/FAMILY:REVISION`).
    public static func family(of task: ECS.Task) -> String? {
        task.taskDefinitionArn.flatMap { ARN($0) }?.taskDefinition?.family.nonEmpty
    }

    /// A tag list as the seed renders `ECS:Container-Tags`: `[]`, or `[key=value, …]` sorted
    /// by key. ECS reports no tags on a container, so nodes always show `[]`.
    public static func renderTagList(_ tags: [ECS.Tag]) -> String {
        let pairs = tags.compactMap { tag in tag.key.map { ($0, tag.value ?? "") } }.sorted { $0 < $1 }
        return "[" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
    }
}

/// What every container of one task shares, worked out once per task.
struct TaskFacts {
    let task: ECS.Task
    let region: String
    let definition: ECS.TaskDefinition?
    let serviceName: String?
    let family: String?
    let clusterName: String?
    let privateIP: String?
    /// The task-level attributes, the same for each of its containers.
    let shared: [String: String]

    init(task: ECS.Task, region: String, definition: ECS.TaskDefinition?, assumeRoleARN: String?) {
        self.task = task
        self.region = region
        self.definition = definition
        let definitionARN = task.taskDefinitionArn.nonEmpty ?? definition?.taskDefinitionArn.nonEmpty
        let parsed = definitionARN.flatMap { ARN($0) }?.taskDefinition
        serviceName = NodeMapper.serviceName(group: task.group)
        family = definition?.family.nonEmpty ?? parsed?.family.nonEmpty
        clusterName = task.clusterArn.nonEmpty.map(ARN.name)
        privateIP = task.privateIPv4Address.nonEmpty
        let account = [task.taskArn, task.clusterArn, definitionARN].lazy.compactMap { $0.flatMap { ARN($0) }?.account.nonEmpty }.first

        var shared: [String: String] = [:]
        func put(_ name: String, _ value: String?) { if let value = value.nonEmpty { shared[name] = value } }
        put("ECS:Account-ID", account)
        put("ECS:Availability-Zone", task.availabilityZone)
        put("ECS:Cluster-ARN", task.clusterArn)
        put("ECS:Cluster-Name", clusterName)
        put("ECS:Desired-Status", task.desiredStatus)
        put("ECS:Exec-Enabled", task.enableExecuteCommand.map { $0 ? "true" : "false" })
        put("ECS:Platform-Version", task.platformVersion)
        put("ECS:Region", region)
        put("ECS:Service-Name", serviceName)
        put("ECS:Started-At", task.startedAt.flatMap { UTCTimestamp.string(epochSeconds: $0) })
        put("ECS:Task-ARN", task.taskArn)
        put("ECS:Task-Definition-ARN", definitionARN)
        put("ECS:Task-Definition-Family", family)
        put("ECS:Task-Definition-Revision", definition?.revision.map(String.init) ?? parsed?.revision)
        put("ECS:Task-ID", task.id)
        put("ECS:Task-Launch-Type", task.launchType?.rawValue)
        for tag in task.tags ?? [] {
            if let key = tag.key.nonEmpty { shared["ECS:Tag:\(key)"] = tag.value ?? "" }
        }
        shared["osFamily"] = "unix"
        shared["username"] = "root"
        put("assume-role-arn", assumeRoleARN)
        self.shared = shared
    }

    /// The node of `container`.
    func node(for container: ECS.Container) -> Node {
        let containerDefinition = definition?.containerDefinitions?.first { $0.name != nil && $0.name == container.name }
        var attributes = shared
        func put(_ name: String, _ value: String?) { if let value = value.nonEmpty { attributes[name] = value } }
        let name = container.name.nonEmpty ?? containerDefinition?.name.nonEmpty
        put("ECS:Container-ARN", container.containerArn)
        put("ECS:Container-Image", container.image.nonEmpty ?? containerDefinition?.image)
        put("ECS:Container-Name", name)
        attributes["ECS:Container-Tags"] = NodeMapper.renderTagList([])
        put("ECS:CPU", cpu(container, containerDefinition))
        put("ECS:Memory-Reservation", container.memoryReservation.nonEmpty ?? container.memory.nonEmpty
            ?? (containerDefinition?.memoryReservation ?? containerDefinition?.memory).map(String.init)
            ?? task.memory.nonEmpty ?? definition?.memory)
        put("ECS:Runtime-ID", container.runtimeId)
        put("ECS:Image-Digest", container.imageDigest)
        put("ECS:Health-Status", container.healthStatus.nonEmpty ?? task.healthStatus)
        put("ECS:Last-Status", container.lastStatus.nonEmpty ?? task.lastStatus)
        put("ECS:Exec-Agent-Status", container.managedAgent("ExecuteCommandAgent")?.lastStatus)
        let address = container.networkInterfaces?.lazy.compactMap { $0.privateIpv4Address.nonEmpty }.first ?? privateIP
        put("ECS:Private-IP", address)
        put("hostname", address ?? task.id.nonEmpty ?? container.runtimeId)
        attributes["description"] = description(container: name ?? "unnamed")

        let tags = [clusterName, serviceName ?? family, task.launchType?.rawValue.lowercased(), task.tags?.dictionary["env"]]
        return Node(name: NodeMapper.nodeName(container: container, task: task), attributes: attributes,
                    tags: tags.compactMap { $0.nonEmpty })
    }

    /// The container's CPU units: its own when it reserves any, else its definition's, else
    /// the task's; a reservation of 0 only when nothing else is known.
    private func cpu(_ container: ECS.Container, _ containerDefinition: ECS.ContainerDefinition?) -> String? {
        let candidates = [container.cpu, containerDefinition?.cpu.map(String.init), task.cpu, definition?.cpu]
        let reserving = candidates.lazy.compactMap { $0.nonEmpty }.first { $0 != "0" }
        return reserving ?? candidates.lazy.compactMap { $0.nonEmpty }.first
    }

    /// `web container of service web on ECS cluster prod (eu-west-1)`, or for a standalone
    /// task `… of standalone task (family nightly) on …`, as examples/fleet.json writes them.
    private func description(container: String) -> String {
        var text = "\(container) container of "
        if let serviceName {
            text += "service \(serviceName)"
        } else {
            text += "standalone task" + (family.map { " (family \($0))" } ?? "")
        }
        if let clusterName { text += " on ECS cluster \(clusterName)" }
        return text + " (\(region))"
    }
}

extension Optional<String> {
    /// The string unless it is nil or empty.
    var nonEmpty: String? {
        switch self {
        case .some(let value) where !value.isEmpty: value
        default: nil
        }
    }
}

extension String {
    /// The string unless it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
