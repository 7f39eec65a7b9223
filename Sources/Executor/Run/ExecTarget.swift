import NodeModel

/// Where ExecuteCommand sends one node's command: the region, cluster, task and container
/// its `ECS:` attributes name.
public struct ExecTarget: Sendable, Hashable {
    /// The node name, as printed.
    public var node: String
    public var region: String
    /// The cluster's ARN or name.
    public var cluster: String
    /// The task's ARN or id.
    public var task: String
    public var container: String
    /// The container runtime id, when known.
    public var runtimeId: String?

    public init(node: String, region: String, cluster: String, task: String, container: String, runtimeId: String? = nil) {
        self.node = node
        self.region = region
        self.cluster = cluster
        self.task = task
        self.container = container
        self.runtimeId = runtimeId
    }

    /// The target of `node`, or why it has none (a node without the `ECS:` attributes, such
    /// as one from a hand-written file).
    public static func of(_ node: Node) -> Result<ExecTarget, SkipReason> {
        func attribute(_ names: String...) -> String? {
            names.lazy.compactMap { node[attribute: $0] }.first { !$0.isEmpty }
        }
        var missing: [String] = []
        let region = attribute("ECS:Region")
        if region == nil { missing.append("ECS:Region") }
        let cluster = attribute("ECS:Cluster-ARN", "ECS:Cluster-Name")
        if cluster == nil { missing.append("ECS:Cluster-ARN") }
        let task = attribute("ECS:Task-ARN", "ECS:Task-ID")
        if task == nil { missing.append("ECS:Task-ARN") }
        let container = attribute("ECS:Container-Name")
        if container == nil { missing.append("ECS:Container-Name") }
        guard let region, let cluster, let task, let container else {
            return .failure(.notAnECSContainer(missing: missing))
        }
        return .success(ExecTarget(node: node.name, region: region, cluster: cluster, task: task, container: container,
                                   runtimeId: attribute("ECS:Runtime-ID")))
    }
}
