import AWSCore

/// One poll of a ``NodeSource``: its clients, filter and call counter, and its stages.
struct Poll: Sendable {
    /// A cluster to list in one region.
    struct Target: Sendable, Hashable {
        enum Origin: Sendable, Hashable {
            /// Found by ListClusters.
            case listed
            /// Named by the options: looked up in every region, must exist in one.
            case named
            /// An ARN from the options: looked up in its own region.
            case arn
        }

        var region: String
        /// The name or ARN sent as `cluster`.
        var cluster: String
        var origin: Origin
    }

    /// What ListTasks gave for a target.
    enum Listing: Sendable {
        case tasks([String])
        /// The cluster does not exist in the target's region.
        case missing(AWSError)

        var isFound: Bool { if case .tasks = self { true } else { false } }
    }

    let options: NodeSourceOptions
    let filter: TaskFilter
    let regions: [String]
    let clients: [String: ECSClient]
    let cache: TaskDefinitionCache
    let counter = CallCounter()
    let limit: Int

    init(options: NodeSourceOptions, cache: TaskDefinitionCache, makeClient: (String) throws -> ECSClient) throws {
        var seen = Set<String>()
        regions = options.regions.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !regions.isEmpty else { throw NodeSourceError.noRegion }
        var clients: [String: ECSClient] = [:]
        for region in regions + options.clusters.compactMap({ ARN($0)?.region.nonEmpty }) where clients[region] == nil {
            clients[region] = try makeClient(region)
        }
        self.options = options
        self.filter = TaskFilter(options)
        self.clients = clients
        self.cache = cache
        self.limit = max(1, options.concurrency)
    }

    func client(_ region: String) -> ECSClient { clients[region]! }

    /// Every page of a list action, each page counted as a call.
    func all<Request: ECSPaginatedRequest>(_ request: Request, region: String) async throws -> [Request.Response.Item] {
        var request = request
        var items: [Request.Response.Item] = []
        while true {
            counter.record(Request.action)
            let page = try await client(region).send(request)
            items += page.items
            guard let next = page.nextToken, !next.isEmpty else { return items }
            guard next != request.nextToken else { throw ECSClientError.repeatedNextToken(action: Request.action) }
            request.nextToken = next
        }
    }

    /// The clusters to list: every cluster of every region, or the named ones (a name in each
    /// region, an ARN in its own), each region and cluster once.
    func clusters() async throws -> [Target] {
        var targets: [Target] = []
        if options.clusters.isEmpty {
            let arns = try await boundedMap(regions, limit: limit) { region in
                try await all(ECS.ListClustersRequest(maxResults: 100), region: region)
            }
            for (region, arns) in zip(regions, arns) {
                targets += arns.map { Target(region: region, cluster: $0, origin: .listed) }
            }
        } else {
            for cluster in options.clusters where !cluster.isEmpty {
                if let arn = ARN(cluster), !arn.region.isEmpty {
                    targets.append(Target(region: arn.region, cluster: cluster, origin: .arn))
                } else {
                    targets += regions.map { Target(region: $0, cluster: cluster, origin: .named) }
                }
            }
        }
        var seen = Set<[String]>()
        return targets.filter { seen.insert([$0.region, ARN.name($0.cluster)]).inserted }
    }

    /// The tasks of `target` that ListTasks selects. A service the cluster lacks gives none;
    /// a cluster the region lacks is `missing` unless ListClusters just named it.
    func taskArns(of target: Target) async throws -> Listing {
        do {
            return .tasks(try await all(filter.listTasksRequest(cluster: target.cluster), region: target.region))
        } catch let error as AWSError where error.code == "ServiceNotFoundException" {
            return .tasks([])
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            return target.origin == .listed ? .tasks([]) : .missing(error)
        }
    }

    /// Throws the error of a cluster the options name that no region has.
    static func checkNamedClustersFound(_ targets: [Target], _ listings: [Listing]) throws {
        var found = Set<String>()
        var firstError: [String: AWSError] = [:]
        for (target, listing) in zip(targets, listings) {
            switch listing {
            case .tasks: found.insert(target.cluster)
            case .missing(let error): if firstError[target.cluster] == nil { firstError[target.cluster] = error }
            }
        }
        for target in targets where !found.contains(target.cluster) {
            if let error = firstError[target.cluster] { throw error }
        }
    }
}

/// `transform` applied to every element, at most `limit` at a time, results in the order of
/// `elements`; the first error cancels the rest and is thrown.
func boundedMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], limit: Int, _ transform: @escaping @Sendable (Element) async throws -> Result
) async throws -> [Result] {
    if elements.count <= 1 || limit <= 1 {
        var results: [Result] = []
        for element in elements { results.append(try await transform(element)) }
        return results
    }
    return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: elements.count)
        var next = 0
        while next < min(limit, elements.count) {
            let index = next
            group.addTask { (index, try await transform(elements[index])) }
            next += 1
        }
        while let (index, result) = try await group.next() {
            results[index] = result
            if next < elements.count {
                let index = next
                group.addTask { (index, try await transform(elements[index])) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}
