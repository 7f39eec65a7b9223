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

    /// The fleet `spec` describes, in `region` (else the spec's, else `us-east-1`).
    static func build(_ spec: FleetSpec, region: String? = nil) throws(FleetSpecError) -> Fleet {
        var builder = FleetBuilder(region: region ?? spec.region ?? "us-east-1", seed: spec.seed ?? 1)
        for definition in spec.taskDefinitions { try builder.register(definition) }
        var clusters: [FleetCluster] = []
        var names = Set<String>()
        for (position, cluster) in spec.clusters.enumerated() {
            try Self.checkName(cluster.name, kind: "cluster")
            guard names.insert(cluster.name).inserted else { throw .duplicate(kind: "cluster", name: cluster.name) }
            clusters.append(try builder.cluster(cluster, position: position))
        }
        return Fleet(region: builder.region, faults: spec.faults, clusters: clusters, taskDefinitions: builder.definitions)
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
        var random = SeededRandom(seed: seed, "task-definition", spec.family, String(revision))
        let definition = FleetTaskDefinition(
            family: spec.family, revision: revision, arn: arn("task-definition/\(spec.family):\(revision)"),
            cpu: spec.cpu, memory: spec.memory, networkMode: networkMode,
            requiresCompatibilities: spec.requiresCompatibilities ?? (networkMode == "awsvpc" ? ["EC2", "FARGATE"] : ["EC2"]),
            tags: FleetTag.sorted(spec.tags), containers: spec.containers,
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

    /// `seconds` rounded to the millisecond, as ECS timestamps are.
    static func millis(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
