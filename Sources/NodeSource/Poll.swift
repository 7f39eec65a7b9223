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

    let options: NodeSourceOptions
    let filter: TaskFilter
    let regions: [String]
    let clients: [String: ECSClient]
    let cache: TaskDefinitionCache
    let counter = CallCounter()
    /// Bounds the calls in flight across every stage.
    let gate: CallGate
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
        self.gate = CallGate(limit: limit)
    }

    func client(_ region: String) -> ECSClient { clients[region]! }

    /// `request` sent in `region` within the call bound; the answer is decoded outside it.
    func send<Request: ECSRequest>(_ request: Request, region: String) async throws -> Request.Response {
        let client = client(region)
        let response = try await gate.run { try await client.exchange(request) }
        return try client.decode(response, of: Request.self)
    }

    /// Every page of a list action, each page counted as a call.
    func all<Request: ECSPaginatedRequest>(_ request: Request, region: String) async throws -> [Request.Response.Item] {
        var request = request
        var items: [Request.Response.Item] = []
        while true {
            counter.record(Request.action)
            let current = request
            let page = try await send(current, region: region)
            items += page.items
            guard let next = page.nextToken, !next.isEmpty else { return items }
            guard next != request.nextToken else { throw ECSClientError.repeatedNextToken(action: Request.action) }
            request.nextToken = next
        }
    }

    /// The clusters to list: every cluster of every region, or the named ones (a name in each
    /// region, an ARN in its own), each region and cluster once; and the regions whose
    /// ListClusters failed.
    func clusters() async -> (targets: [Target], failures: [(failure: PollFailure, error: any Error)]) {
        var targets: [Target] = []
        var failures: [(PollFailure, any Error)] = []
        if options.clusters.isEmpty {
            let listed = await withTaskGroup(of: (Int, Result<[String], any Error>).self) { group in
                for (index, region) in regions.enumerated() {
                    group.addTask {
                        do { return (index, .success(try await all(ECS.ListClustersRequest(maxResults: 100), region: region))) }
                        catch { return (index, .failure(error)) }
                    }
                }
                var results = [Result<[String], any Error>?](repeating: nil, count: regions.count)
                for await (index, result) in group { results[index] = result }
                return results.map { $0! }
            }
            for (region, result) in zip(regions, listed) {
                switch result {
                case .success(let arns): targets += arns.map { Target(region: region, cluster: $0, origin: .listed) }
                case .failure(let error): failures.append((PollFailure(region: region, cluster: nil, error: error), error))
                }
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
        return (targets.filter { seen.insert([$0.region, ARN.name($0.cluster)]).inserted }, failures)
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
