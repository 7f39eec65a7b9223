import AWSCore
import AWSHTTP
import NodeModel

/// The live ECS inventory as Rundeck nodes: every container of every task the options select.
///
/// One poll lists the clusters of each region (or takes the ones named), lists each cluster's
/// tasks, describes them with their tags 100 at a time, describes each task definition it has
/// not seen before, and maps every container to a node with ``NodeMapper``. At most
/// ``NodeSourceOptions/concurrency`` calls are in flight at once.
///
/// ```swift
/// let source = NodeSource(options: NodeSourceOptions(regions: ["eu-west-1"])) { region in
///     ECSClient(region: region, credentialProvider: credentials, transport: transport)
/// }
/// let nodes = try await source.nodes()
/// ```
public struct NodeSource: Sendable {
    public let options: NodeSourceOptions
    /// Definitions described by earlier polls; pass the same one to later sources to keep it.
    public let taskDefinitionCache: TaskDefinitionCache
    /// The client for a region. ``NodeSourceOptions/endpoint`` is the factory's to honour.
    private let makeClient: @Sendable (String) throws -> ECSClient

    public init(
        options: NodeSourceOptions,
        taskDefinitionCache: TaskDefinitionCache = TaskDefinitionCache(),
        client: @escaping @Sendable (_ region: String) throws -> ECSClient
    ) {
        self.options = options
        self.taskDefinitionCache = taskDefinitionCache
        self.makeClient = client
    }

    /// A source whose clients sign with `credentialProvider` and send through `transport`, to
    /// ``NodeSourceOptions/endpoint`` when set, else to the endpoint the environment names
    /// (`AWS_ENDPOINT_URL_ECS`, `AWS_ENDPOINT_URL`), else to AWS's own.
    public init(
        options: NodeSourceOptions,
        credentialProvider: any CredentialProvider,
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy(),
        environment: AWSEnvironment = .current,
        taskDefinitionCache: TaskDefinitionCache = TaskDefinitionCache()
    ) {
        self.init(options: options, taskDefinitionCache: taskDefinitionCache) { region in
            ECSClient(region: region, endpoint: ECSClient.endpoint(explicit: options.endpoint, environment: environment, region: region),
                      credentialProvider: credentialProvider, transport: transport, retryPolicy: retryPolicy)
        }
    }

    /// The nodes of one poll.
    public func nodes() async throws -> [Node] {
        try await snapshot().nodes
    }

    /// The nodes of one poll and what the poll cost.
    ///
    /// A region or cluster that cannot be listed is reported in ``NodeSnapshot/failures``
    /// while the rest is listed; when nothing could be listed, the first error is thrown (bad
    /// credentials, a named cluster found in no region). Tasks that vanish before they are
    /// described are skipped and counted; a definition that cannot be described leaves its
    /// nodes without what only the definition knows.
    public func snapshot() async throws -> NodeSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let poll = try Poll(options: options, cache: taskDefinitionCache, makeClient: makeClient)
        var stats = NodeSourceStats()
        let definitions = DefinitionLoader(poll: poll)

        var (targets, failures) = await poll.clusters()
        let outcomes = await withTaskGroup(of: Poll.Numbered<Poll.Outcome>.self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask { Poll.Numbered(index: index, value: await poll.inventory(of: target, definitions: definitions)) }
            }
            var outcomes: [Poll.Numbered<Poll.Outcome>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.index < $1.index }.map(\.value)
        }
        var nodes: [Node] = []
        var names = Set<String>()
        var found = Set<String>(), missing: [String: AWSError] = [:]
        for (target, outcome) in zip(targets, outcomes) {
            switch outcome {
            case .listed(let batches):
                stats.clusters += 1
                found.insert(target.cluster)
                for batch in batches {
                    stats.tasksDescribed += batch.described
                    stats.tasksSelected += batch.selected
                    stats.describeFailures += batch.failures
                    for node in batch.nodes where names.insert(node.name).inserted { nodes.append(node) }
                }
            case .missing(let error):
                if missing[target.cluster] == nil { missing[target.cluster] = error }
            case .failed(let error):
                failures.append((PollFailure(region: target.region, cluster: target.cluster, error: error), error))
            }
        }
        for target in targets where !found.contains(target.cluster) {
            if let error = missing.removeValue(forKey: target.cluster) {
                failures.append((PollFailure(region: target.region, cluster: target.cluster, error: error), error))
            }
        }
        if stats.clusters == 0, let first = failures.first { throw first.error }
        let loaded = await definitions.definitions()
        stats.taskDefinitionCacheHits = await definitions.cacheHits
        stats.taskDefinitionFailures = loaded.failures
        stats.apiCalls = poll.counter.snapshot
        stats.duration = clock.now - start
        return NodeSnapshot(nodes: nodes, stats: stats, failures: failures.map(\.failure))
    }
}
