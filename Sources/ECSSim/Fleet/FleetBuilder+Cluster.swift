import SimSession
extension FleetBuilder {
    /// What every task of a group shares, once the group's fields and its service's defaults
    /// are merged and checked.
    struct TaskSettings {
        var definition: FleetTaskDefinition
        var launchType: String
        var platformVersion: String?
        var serviceName: String?
        var group: String
        var startedBy: String?
        var enableExecuteCommand: Bool
        /// Given explicitly; else it follows the task's status.
        var agentStatus: String?
        var lastStatus: String
        var desiredStatus: String
        var healthStatus: String
        var availabilityZone: String?
        var tags: [FleetTag]
    }

    /// Per-cluster counters that keep addresses and container instances distinct.
    struct ClusterCounters {
        var name: String
        var position: Int
        var addresses = 0
        var ec2Tasks = 0
    }

    /// The cluster `spec` describes: its services' tasks first, service by service, then its
    /// standalone tasks.
    mutating func cluster(_ spec: ClusterSpec, position: Int) throws(FleetSpecError) -> FleetCluster {
        var counters = ClusterCounters(name: spec.name, position: position)
        var services: [FleetService] = []
        var tasks: [FleetTask] = []
        var serviceNames = Set<String>()
        for service in spec.services ?? [] {
            try Self.checkName(service.name, kind: "service")
            guard serviceNames.insert(service.name).inserted else {
                throw .duplicate(kind: "service", name: "\(spec.name)/\(service.name)")
            }
            let user = "service \(spec.name)/\(service.name)"
            let definition = try definition(service.taskDefinition, usedBy: user)
            let launchType = try Self.check(service.launchType ?? "FARGATE", field: "launchType", allowed: Self.launchTypes)
            let propagate = try Self.check(service.propagateTags ?? "SERVICE", field: "propagateTags",
                                           allowed: ["SERVICE", "TASK_DEFINITION", "NONE"])
            var random = SeededRandom(seed: seed, region, spec.name, "service", service.name)
            let deploymentId = "ecs-svc/\(random.next() % 9_000_000_000_000_000_000 + 1_000_000_000_000_000_000)"
            let tags = FleetTag.sorted(service.tags)
            var running = 0, pending = 0
            let groups = service.tasks ?? [TaskGroupSpec(count: service.desiredCount ?? 1)]
            for (number, group) in groups.enumerated() {
                let groupDefinition = try group.taskDefinition.map { reference throws(FleetSpecError) in
                    try self.definition(reference, usedBy: user)
                } ?? definition
                let settings = try settings(group, defaults: TaskSettings(
                    definition: groupDefinition, launchType: launchType, platformVersion: service.platformVersion,
                    serviceName: service.name, group: "service:\(service.name)", startedBy: deploymentId,
                    enableExecuteCommand: service.enableExecuteCommand ?? true, agentStatus: nil, lastStatus: "RUNNING",
                    desiredStatus: "RUNNING", healthStatus: "UNKNOWN", availabilityZone: nil,
                    tags: propagate == "SERVICE" ? tags : propagate == "TASK_DEFINITION" ? groupDefinition.tags : []))
                for index in 0..<(try Self.count(group, field: "count of \(user)")) {
                    let task = task(settings, counters: &counters, key: "service:\(service.name)/\(number)", index: index)
                    if task.lastStatus == "RUNNING" { running += 1 }
                    if ["PROVISIONING", "PENDING", "ACTIVATING"].contains(task.lastStatus) { pending += 1 }
                    tasks.append(task)
                }
            }
            services.append(FleetService(
                name: service.name, arn: arn("service/\(spec.name)/\(service.name)"), taskDefinitionArn: definition.arn,
                launchType: launchType, platformVersion: launchType == "FARGATE" ? service.platformVersion ?? "LATEST" : nil,
                enableExecuteCommand: service.enableExecuteCommand ?? true, propagateTags: propagate, tags: tags,
                createdAt: Self.millis(Self.epoch - 20 * 86_400 + Double(random.next() % 86_400)), deploymentId: deploymentId,
                runningCount: running, pendingCount: pending))
        }
        for (number, group) in (spec.tasks ?? []).enumerated() {
            guard let reference = group.taskDefinition else { throw .missingTaskDefinition(cluster: spec.name) }
            let definition = try definition(reference, usedBy: "standalone tasks of \(spec.name)")
            let settings = try settings(group, defaults: TaskSettings(
                definition: definition, launchType: definition.networkMode == "awsvpc" ? "FARGATE" : "EC2", platformVersion: nil,
                serviceName: nil, group: "family:\(definition.family)", startedBy: nil, enableExecuteCommand: true,
                agentStatus: nil, lastStatus: "RUNNING", desiredStatus: "RUNNING", healthStatus: "UNKNOWN",
                availabilityZone: nil, tags: []))
            for index in 0..<(try Self.count(group, field: "count of standalone tasks of \(spec.name)")) {
                tasks.append(task(settings, counters: &counters, key: "tasks/\(number)", index: index))
            }
        }
        var cluster = FleetCluster(region: region, name: spec.name, arn: arn("cluster/\(spec.name)"),
                                   tags: FleetTag.sorted(spec.tags), kmsKeyId: spec.kmsKeyId, services: services, tasks: tasks,
                                   containerInstanceCount: (counters.ec2Tasks + Self.tasksPerInstance - 1) / Self.tasksPerInstance)
        cluster.execLogging = spec.execLogging ?? "DEFAULT"
        return cluster
    }

    /// `defaults` with what `group` sets, checked.
    func settings(_ group: TaskGroupSpec, defaults: TaskSettings) throws(FleetSpecError) -> TaskSettings {
        var settings = defaults
        let definition = defaults.definition
        settings.launchType = try Self.check(group.launchType ?? defaults.launchType, field: "launchType", allowed: Self.launchTypes)
        if settings.launchType == "FARGATE", definition.networkMode != "awsvpc" { throw .fargateNeedsAWSVPC(family: definition.family) }
        settings.platformVersion = settings.launchType == "FARGATE" ? group.platformVersion ?? defaults.platformVersion ?? "1.4.0" : nil
        settings.group = group.group ?? defaults.group
        settings.startedBy = group.startedBy ?? defaults.startedBy
        settings.enableExecuteCommand = group.enableExecuteCommand ?? defaults.enableExecuteCommand
        settings.lastStatus = try Self.check(group.lastStatus ?? defaults.lastStatus, field: "lastStatus", allowed: Self.lastStatuses)
        settings.desiredStatus = try Self.check(group.desiredStatus ?? (settings.lastStatus == "STOPPED" ? "STOPPED" : "RUNNING"),
                                                field: "desiredStatus", allowed: Self.desiredStatuses)
        settings.healthStatus = try Self.check(group.healthStatus ?? defaults.healthStatus, field: "healthStatus",
                                               allowed: Self.healthStatuses)
        settings.agentStatus = try group.agentStatus.map { value throws(FleetSpecError) in
            try Self.check(value, field: "agentStatus", allowed: Self.agentStatuses)
        }
        settings.availabilityZone = group.availabilityZone
        if let tags = group.tags {
            var merged = Dictionary(defaults.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            merged.merge(tags) { $1 }
            settings.tags = FleetTag.sorted(merged)
        }
        return settings
    }

    /// The group's `count`, 1 when not given.
    static func count(_ group: TaskGroupSpec, field: String) throws(FleetSpecError) -> Int {
        let count = group.count ?? 1
        guard count >= 0 else { throw .invalidNumber(field: field, value: count) }
        return count
    }
}
