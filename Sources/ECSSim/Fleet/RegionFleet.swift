/// The simulated account's ECS resources in one region: its clusters, the task definitions
/// registered there, and the indexes every lookup uses, built once.
///
/// Every ECS call is answered from the region its signature is scoped to; a region the
/// ``Fleet`` has nothing in is ``empty(_:)``.
struct RegionFleet: Sendable {
    let region: String
    /// In spec order, which is the order ListClusters pages through.
    let clusters: [FleetCluster]
    let taskDefinitions: [FleetTaskDefinition]
    /// Position in ``clusters`` by name.
    let clusterIndex: [String: Int]
    /// Position in ``taskDefinitions`` by `family:revision`, and of the latest revision by family.
    let taskDefinitionIndex: [String: Int]
    let latestRevision: [String: Int]

    init(region: String, clusters: [FleetCluster], taskDefinitions: [FleetTaskDefinition]) {
        self.region = region
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

    /// A region with no clusters and no task definitions, as an account that never used ECS
    /// there has.
    static func empty(_ region: String) -> RegionFleet {
        RegionFleet(region: region, clusters: [], taskDefinitions: [])
    }

    /// `arn:aws:ecs:<region>:123456789012:<resource>`.
    func arn(_ resource: String) -> String { "arn:aws:ecs:\(region):\(Fleet.account):\(resource)" }
}
