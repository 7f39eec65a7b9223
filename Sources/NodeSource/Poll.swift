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
            // One ListClusters listing per region, in parallel, each ending in ARNs or an error.
            let listings = await withTaskGroup(of: Numbered<Result<[String], any Error>>.self) { group in
                for (index, region) in regions.enumerated() {
                    group.addTask {
                        do { return Numbered(index: index, value: .success(try await all(ECS.ListClustersRequest(maxResults: 100), region: region))) }
                        catch { return Numbered(index: index, value: .failure(error)) }
                    }
                }
                var listings: [Numbered<Result<[String], any Error>>] = []
                for await listing in group { listings.append(listing) }
                return listings.sorted { $0.index < $1.index }
            }
            for listing in listings {
                let region = regions[listing.index]
                switch listing.value {
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
