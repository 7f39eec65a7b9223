import SimSession

/// The ECS actions of the simulator: each takes the JSON request body and returns the JSON
/// answer, or throws the ``APIError`` ECS would answer with.
///
/// Authentication, faults and HTTP are the caller's (``SimulatorCore``); this is the API
/// over the immutable ``RegionFleet`` of one region, so it needs no locking.
struct ECSAPI: Sendable {
    /// The `X-Amz-Target` prefix of every action: `AmazonEC2ContainerServiceV20141113.`.
    static let targetPrefix = "AmazonEC2ContainerServiceV20141113."
    /// The actions served.
    static let actions: Set<String> = [
        "ListClusters", "DescribeClusters", "ListServices", "DescribeServices", "ListTasks", "DescribeTasks",
        "DescribeTaskDefinition", "ListTagsForResource", "ExecuteCommand",
    ]

    /// What a call needs from the connection and the fault settings.
    struct CallContext {
        /// `host:port` the client reached, for the session's `streamUrl`.
        var authority: String
        /// The most items a list action returns a page, whatever `maxResults` asks; nil for no cap.
        var pageSize: Int? = nil
        /// Whether DescribeTasks reports a task as `MISSING` (``APIFaults/vanishRate``).
        var vanishes: (FleetTask) -> Bool = { _ in false }
        /// The channel faults for a new session (asked once per session started).
        var channelFaults: () -> ChannelFaults
        /// Whether the call's dice say `TargetNotConnectedException` (counted when asked).
        var targetNotConnected: () -> Bool
    }

    let fleet: RegionFleet
    let tokens: PageTokens
    let sessions: ExecSessions
    let taskJSON = TaskJSONCache()

    /// Answers `action` with the request `body`.
    func call(_ action: String, body: [UInt8], context: CallContext) throws(APIError) -> [UInt8] {
        switch action {
        case "ListClusters": JSONBody.encode(try listClusters(JSONBody.decode(ListClustersRequest.self, from: body), context: context))
        case "DescribeClusters": JSONBody.encode(try describeClusters(JSONBody.decode(DescribeClustersRequest.self, from: body)))
        case "ListServices": JSONBody.encode(try listServices(JSONBody.decode(ListServicesRequest.self, from: body), context: context))
        case "DescribeServices": JSONBody.encode(try describeServices(JSONBody.decode(DescribeServicesRequest.self, from: body)))
        case "ListTasks": JSONBody.encode(try listTasks(JSONBody.decode(ListTasksRequest.self, from: body), context: context))
        case "DescribeTasks": taskJSON.body(try describeTasks(JSONBody.decode(DescribeTasksRequest.self, from: body), context: context))
        case "DescribeTaskDefinition":
            JSONBody.encode(try describeTaskDefinition(JSONBody.decode(DescribeTaskDefinitionRequest.self, from: body)))
        case "ListTagsForResource":
            JSONBody.encode(try listTagsForResource(JSONBody.decode(ListTagsForResourceRequest.self, from: body)))
        case "ExecuteCommand":
            JSONBody.encode(try executeCommand(JSONBody.decode(ExecuteCommandRequest.self, from: body), context: context))
        default: throw .unknownOperation
        }
    }

    /// The cluster `reference` names (nil: `default`), or ClusterNotFoundException.
    func cluster(_ reference: String?) throws(APIError) -> FleetCluster {
        guard let position = fleet.clusterPosition(reference) else { throw .clusterNotFound }
        return fleet.clusters[position]
    }

    /// `items` unless it holds more than `limit`, or none when `required`; in ECS's words
    /// (`Services cannot be empty.`, `services can have at most 10 items.`).
    static func check(_ items: [String]?, name: String, limit: Int, required: Bool) throws(APIError) -> [String] {
        let items = items ?? []
        if required, items.isEmpty { throw .invalidParameter("\(name.prefix(1).uppercased())\(name.dropFirst()) cannot be empty.") }
        if items.count > limit { throw .invalidParameter("\(name) can have at most \(limit) items.") }
        return items
    }
}
