import SimSession
/// Turns a ``FleetSpec`` into a ``Fleet``: checks names and references, then derives every
/// task, container, id, address and time from the spec's seed and names.
struct FleetBuilder {
    /// 2025-12-01T00:00:00Z: every task was created in the two weeks before it.
    static let epoch: Double = 1_764_547_200
    static let launchTypes = ["FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES"]
    static let networkModes = ["awsvpc", "bridge", "host", "none"]
    static let lastStatuses = ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"]
    static let desiredStatuses = ["RUNNING", "PENDING", "STOPPED"]
    static let healthStatuses = ["HEALTHY", "UNHEALTHY", "UNKNOWN"]
    static let agentStatuses = ["PENDING", "RUNNING", "STOPPED"]

    let region: String
    let seed: UInt64
    var definitions: [FleetTaskDefinition] = []
    var definitionIndex: [String: Int] = [:]
    var latest: [String: Int] = [:]
    /// `sha256:` digests by image, computed once per image.
    var digests: [String: String] = [:]

    /// The fleet `spec` describes, its default region `region` (else the spec's, else
    /// `us-east-1`): one builder per region, each with every task definition, building the
    /// clusters of its region.
    static func build(_ spec: FleetSpec, region: String? = nil) throws(FleetSpecError) -> Fleet {
        let home = region ?? spec.region ?? "us-east-1"
        var order = [home]
        for cluster in spec.clusters {
            if let other = cluster.region, !order.contains(other) { order.append(other) }
        }
        var builders: [String: FleetBuilder] = [:]
        for region in order {
            try checkRegion(region)
            var builder = FleetBuilder(region: region, seed: spec.seed ?? 1)
            for definition in spec.taskDefinitions { try builder.register(definition) }
            builders[region] = builder
        }
        var clusters: [FleetCluster] = []
        var names = Set<[String]>()
        for (position, cluster) in spec.clusters.enumerated() {
            let region = cluster.region ?? home
            try Self.checkName(cluster.name, kind: "cluster")
            guard names.insert([region, cluster.name]).inserted else { throw .duplicate(kind: "cluster", name: cluster.name) }
            clusters.append(try builders[region]!.cluster(cluster, position: position))
        }
        let regions = order.map { region in
            RegionFleet(region: region, clusters: clusters.filter { $0.region == region }, taskDefinitions: builders[region]!.definitions)
        }
        return Fleet(region: home, faults: spec.faults, clusters: clusters, regions: regions)
    }

    func arn(_ resource: String) -> String { "arn:aws:ecs:\(region):\(Fleet.account):\(resource)" }

    /// Adds a task definition after checking it.
    mutating func register(_ spec: TaskDefinitionSpec) throws(FleetSpecError) {
        try Self.checkName(spec.family, kind: "task definition family")
        let revision = spec.revision ?? 1
        guard revision >= 1 else { throw .invalidNumber(field: "revision of \(spec.family)", value: revision) }
        guard !spec.containers.isEmpty else { throw .noContainers(family: spec.family) }
        var containerNames = Set<String>()
        for container in spec.containers {
            try Self.checkName(container.name, kind: "container")
            guard containerNames.insert(container.name).inserted else { throw .duplicate(kind: "container", name: container.name) }
        }
        let networkMode = try Self.check(spec.networkMode ?? "awsvpc", field: "networkMode", allowed: Self.networkModes)
        if let pidMode = spec.pidMode { _ = try Self.check(pidMode, field: "pidMode", allowed: ["task", "host"]) }
        var random = SeededRandom(seed: seed, "task-definition", spec.family, String(revision))
        let definition = FleetTaskDefinition(
            family: spec.family, revision: revision, arn: arn("task-definition/\(spec.family):\(revision)"),
            cpu: spec.cpu, memory: spec.memory, networkMode: networkMode,
            requiresCompatibilities: spec.requiresCompatibilities ?? (networkMode == "awsvpc" ? ["EC2", "FARGATE"] : ["EC2"]),
            tags: FleetTag.sorted(spec.tags), taskRoleArn: spec.taskRoleArn, pidMode: spec.pidMode, containers: spec.containers,
            registeredAt: Self.millis(Self.epoch - 30 * 86_400 + Double(random.next() % 86_400)))
        guard definitionIndex[definition.name] == nil else { throw .duplicate(kind: "task definition", name: definition.name) }
        definitionIndex[definition.name] = definitions.count
        if latest[definition.family].map({ definitions[$0].revision < revision }) ?? true {
            latest[definition.family] = definitions.count
        }
        definitions.append(definition)
    }

    /// The task definition `reference` (`family`, `family:revision` or an ARN) names.
    func definition(_ reference: String, usedBy user: String) throws(FleetSpecError) -> FleetTaskDefinition {
        var name = Substring(reference)
        if reference.hasPrefix("arn:"), let slash = reference.lastIndex(of: "/") { name = reference[reference.index(after: slash)...] }
        let position = name.contains(":") ? definitionIndex[String(name)] : latest[String(name)]
        guard let position else { throw .unknownTaskDefinition(reference, usedBy: user) }
        return definitions[position]
    }

    /// `value` when it is one of `allowed`.
    static func check(_ value: String, field: String, allowed: [String]) throws(FleetSpecError) -> String {
        guard allowed.contains(value) else { throw .invalidValue(field: field, value: value, allowed: allowed) }
        return value
    }

    /// ECS names: 1 to 255 letters, digits, hyphens and underscores.
    static func checkName(_ name: String, kind: String) throws(FleetSpecError) {
        let valid = (1...255).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard valid else { throw .invalidName(kind: kind, name: name) }
    }

    /// AWS region names: lower-case letters, digits and hyphens (`eu-west-1`, `us-gov-east-1`).
    static func checkRegion(_ region: String) throws(FleetSpecError) {
        let valid = (1...64).contains(region.utf8.count) && region.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard valid else { throw .invalidRegion(region) }
    }

    /// `seconds` rounded to the millisecond, as ECS timestamps are.
    static func millis(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
