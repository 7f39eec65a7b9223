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
    /// Throws the first AWS or transport error that stops the listing (bad credentials, a
    /// named cluster found in no region). Tasks that vanish before they are described are
    /// skipped and counted; a definition that cannot be described leaves its nodes without
    /// what only the definition knows.
    public func snapshot() async throws -> NodeSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let poll = try Poll(options: options, cache: taskDefinitionCache, makeClient: makeClient)
        var stats = NodeSourceStats()

        let targets = try await poll.clusters()
        let listings = try await boundedMap(targets, limit: poll.limit) { try await poll.taskArns(of: $0) }
        try Poll.checkNamedClustersFound(targets, listings)
        stats.clusters = listings.count(where: \.isFound)

        let described = try await poll.describe(targets: targets, listings: listings)
        stats.tasksDescribed = described.tasks.count
        stats.describeFailures = described.failures
        let selected = described.tasks.filter { poll.filter.selects($0.task) }
        stats.tasksSelected = selected.count

        let definitions = try await poll.taskDefinitions(for: selected, stats: &stats)
        let mapper = NodeMapper(assumeRoleARN: options.assumeRoleARN)
        var nodes: [Node] = []
        var names = Set<String>()
        for (region, task) in selected {
            var task = task
            task.containers = task.containers?.filter { poll.filter.selects($0) }
            let definition = task.taskDefinitionArn.flatMap { definitions[$0] }
            for node in mapper.nodes(for: task, region: region, taskDefinition: definition) where names.insert(node.name).inserted {
                nodes.append(node)
            }
        }
        stats.apiCalls = poll.counter.snapshot
        stats.duration = clock.now - start
        return NodeSnapshot(nodes: nodes, stats: stats)
    }
}
