/// The simulated account's ECS resources: clusters in one or more regions, immutable once
/// built.
///
/// Build it from a ``FleetSpec`` (a file, the demo, or ``FleetGenerator``) with
/// ``init(spec:region:)``. Each cluster lives in one region (the spec's unless it names
/// another); every region served has all the spec's task definitions.
public struct Fleet: Sendable {
    /// The account of every ARN.
    public static let account = "123456789012"

    /// The spec's region: the default of its clusters, served even when it has none.
    public let region: String
    /// The spec's faults, applied at start-up unless flags override them.
    public let faults: FaultSettings?
    /// Every cluster of every region, in spec order.
    let clusters: [FleetCluster]
    /// The regions served: ``region`` first, then the others in the order the spec first
    /// names them.
    let regionFleets: [RegionFleet]

    init(region: String, faults: FaultSettings?, clusters: [FleetCluster], regions: [RegionFleet]) {
        self.region = region
        self.faults = faults
        self.clusters = clusters
        self.regionFleets = regions
    }

    /// The names of the regions served, ``region`` first.
    public var regions: [String] { regionFleets.map(\.region) }
    public var clusterCount: Int { clusters.count }
    public var serviceCount: Int { clusters.reduce(0) { $0 + $1.services.count } }
    public var taskCount: Int { clusters.reduce(0) { $0 + $1.tasks.count } }
    public var containerCount: Int { clusters.reduce(0) { $0 + $1.tasks.reduce(0) { $0 + $1.containers.count } } }

    /// What `region` holds: its clusters and task definitions, or nothing when the spec puts
    /// nothing there.
    func serving(_ region: String) -> RegionFleet {
        regionFleets.first { $0.region == region } ?? .empty(region)
    }

    /// The task definition `reference` names: in the region of an ARN, else in ``region``.
    func taskDefinition(_ reference: String) -> FleetTaskDefinition? {
        let fields = reference.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        let region = reference.hasPrefix("arn:") && fields.count > 3 ? String(fields[3]) : self.region
        return serving(region).taskDefinition(reference)
    }
}

extension Fleet {
    /// The fleet `spec` describes, its default region `region` (else the spec's region, else
    /// `us-east-1`).
    public init(spec: FleetSpec, region: String? = nil) throws(FleetSpecError) {
        self = try FleetBuilder.build(spec, region: region)
    }
}
