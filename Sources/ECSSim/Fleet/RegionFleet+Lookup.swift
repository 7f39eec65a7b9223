extension RegionFleet {
    /// The position of the cluster `reference` names (a name or an ARN of this region and
    /// account); nil or empty means the cluster called `default`, as in ECS.
    func clusterPosition(_ reference: String?) -> Int? {
        guard let reference, !reference.isEmpty else { return clusterIndex["default"] }
        if reference.hasPrefix("arn:") {
            guard let path = resourcePath(reference, type: "cluster"), path.count == 1 else { return nil }
            return clusterIndex[path[0]]
        }
        return clusterIndex[reference]
    }

    /// The position in `cluster.tasks` of the task `reference` names: an id, or an ARN
    /// (`task/CLUSTER/ID`, or the older `task/ID`) of this region, account and cluster.
    func taskPosition(_ reference: String, in cluster: FleetCluster) -> Int? {
        guard reference.hasPrefix("arn:") else { return cluster.taskIndex[reference] }
        guard let path = resourcePath(reference, type: "task") else { return nil }
        switch path.count {
        case 1: return cluster.taskIndex[path[0]]
        case 2 where path[0] == cluster.name: return cluster.taskIndex[path[1]]
        default: return nil
        }
    }

    /// The position in `cluster.services` of the service `reference` names: a name or an ARN
    /// (`service/CLUSTER/NAME`, or the older `service/NAME`).
    func servicePosition(_ reference: String, in cluster: FleetCluster) -> Int? {
        guard reference.hasPrefix("arn:") else { return cluster.serviceIndex[reference] }
        guard let path = resourcePath(reference, type: "service") else { return nil }
        switch path.count {
        case 1: return cluster.serviceIndex[path[0]]
        case 2 where path[0] == cluster.name: return cluster.serviceIndex[path[1]]
        default: return nil
        }
    }

    /// The task definition `reference` names: `family` (its latest revision),
    /// `family:revision`, or an ARN of either.
    func taskDefinition(_ reference: String) -> FleetTaskDefinition? {
        var name = reference
        if reference.hasPrefix("arn:") {
            guard let path = resourcePath(reference, type: "task-definition"), path.count == 1 else { return nil }
            name = path[0]
        }
        let position = name.contains(":") ? taskDefinitionIndex[name] : latestRevision[name]
        return position.map { taskDefinitions[$0] }
    }

    /// The `/`-separated parts after `type/` of an ECS ARN of this region and account; nil for
    /// any other ARN.
    func resourcePath(_ arn: String, type: String) -> [String]? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "ecs", fields[3] == region, fields[4] == Fleet.account else {
            return nil
        }
        var path = fields[5].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard path.first == type, path.count >= 2, !path.contains(where: \.isEmpty) else { return nil }
        path.removeFirst()
        return path
    }
}
