/// The simulated account's ECS resources in one region: immutable once built, with the
/// indexes every lookup uses built once.
///
/// Build it from a ``FleetSpec`` (a file, the demo, or ``FleetGenerator``) with
/// ``init(spec:region:)``.
public struct Fleet: Sendable {
    /// The account of every ARN.
    public static let account = "123456789012"

    public let region: String
    /// The spec's faults, applied at start-up unless flags override them.
    public let faults: FaultSettings?
    /// In spec order, which is the order ListClusters pages through.
    let clusters: [FleetCluster]
    let taskDefinitions: [FleetTaskDefinition]
    /// Position in ``clusters`` by name.
    let clusterIndex: [String: Int]
    /// Position in ``taskDefinitions`` by `family:revision`, and of the latest revision by family.
    let taskDefinitionIndex: [String: Int]
    let latestRevision: [String: Int]

    init(region: String, faults: FaultSettings?, clusters: [FleetCluster], taskDefinitions: [FleetTaskDefinition]) {
        self.region = region
        self.faults = faults
        self.clusters = clusters
        self.taskDefinitions = taskDefinitions
        var clusterIndex: [String: Int] = [:]
        for (position, cluster) in clusters.enumerated() { clusterIndex[cluster.name] = position }
        self.clusterIndex = clusterIndex
        var index: [String: Int] = [:], latest: [String: Int] = [:]
        for (position, definition) in taskDefinitions.enumerated() {
            index[definition.name] = position
            if latest[definition.family].map({ taskDefinitions[$0].revision < definition.revision }) ?? true {
                latest[definition.family] = position
            }
        }
        taskDefinitionIndex = index
        latestRevision = latest
    }

    public var clusterCount: Int { clusters.count }
    public var serviceCount: Int { clusters.reduce(0) { $0 + $1.services.count } }
    public var taskCount: Int { clusters.reduce(0) { $0 + $1.tasks.count } }
    public var containerCount: Int { clusters.reduce(0) { $0 + $1.tasks.reduce(0) { $0 + $1.containers.count } } }

    /// `arn:aws:ecs:<region>:123456789012:<resource>`.
    func arn(_ resource: String) -> String { "arn:aws:ecs:\(region):\(Self.account):\(resource)" }
}

extension Fleet {
    /// The fleet `spec` describes, in `region` (else the spec's region, else `us-east-1`).
    public init(spec: FleetSpec, region: String? = nil) throws(FleetSpecError) {
        self = try FleetBuilder.build(spec, region: region)
    }
}
