import NodeModel
import Synchronization

/// The nodes of one poll, with what it cost.
public struct NodeSnapshot: Sendable, Hashable {
    /// One per selected container, grouped by region, cluster and task in listing order.
    public var nodes: [Node]
    public var stats: NodeSourceStats
    /// The regions and clusters that could not be listed; empty when the poll is complete.
    public var failures: [PollFailure]

    public init(nodes: [Node], stats: NodeSourceStats, failures: [PollFailure] = []) {
        self.nodes = nodes
        self.stats = stats
        self.failures = failures
    }
}

/// What a poll did: the API calls it made, what it found, and how long it took.
public struct NodeSourceStats: Sendable, Hashable, Codable {
    /// Calls by action (`ListTasks`: one per page); retries inside a call are not counted.
    public var apiCalls: [String: Int]
    /// The clusters listed (regions × clusters found or named).
    public var clusters: Int
    /// The tasks described.
    public var tasksDescribed: Int
    /// The tasks that passed the source filters.
    public var tasksSelected: Int
    /// The entries of DescribeTasks' `failures` (tasks gone between listing and describing);
    /// skipped, not errors.
    public var describeFailures: Int
    /// Task definitions found in the ``TaskDefinitionCache`` instead of asked for.
    public var taskDefinitionCacheHits: Int
    /// Task definitions that could not be described (say, no `ecs:DescribeTaskDefinition`
    /// permission); their tasks' nodes are built from the task alone.
    public var taskDefinitionFailures: Int
    /// From the first call to the last node.
    public var duration: Duration

    public init(
        apiCalls: [String: Int] = [:], clusters: Int = 0, tasksDescribed: Int = 0, tasksSelected: Int = 0,
        describeFailures: Int = 0, taskDefinitionCacheHits: Int = 0, taskDefinitionFailures: Int = 0,
        duration: Duration = .zero
    ) {
        self.apiCalls = apiCalls
        self.clusters = clusters
        self.tasksDescribed = tasksDescribed
        self.tasksSelected = tasksSelected
        self.describeFailures = describeFailures
        self.taskDefinitionCacheHits = taskDefinitionCacheHits
        self.taskDefinitionFailures = taskDefinitionFailures
        self.duration = duration
    }

    /// All calls of every action.
    public var totalAPICalls: Int { apiCalls.values.reduce(0, +) }
}

/// Counts the calls of one poll; shared by its concurrent tasks.
final class CallCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ action: String) {
        counts.withLock { $0[action, default: 0] += 1 }
    }

    var snapshot: [String: Int] { counts.withLock { $0 } }
}
