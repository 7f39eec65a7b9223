import ArgumentParser
import ECSSim
import SimSession

/// API and data-channel faults; each flag given overrides the spec's value.
struct FaultOptions: ParsableArguments {
    @Option(help: "Milliseconds every ECS call waits before it is answered.")
    var latencyMs: Int?

    @Option(help: "Probability that an ECS call waits --spike-ms more (a latency spike).")
    var spikeRate: Double?

    @Option(help: "Milliseconds a latency spike adds.")
    var spikeMs: Int?

    @Option(help: "Probability that an ECS call is answered HTTP 400 ThrottlingException.")
    var throttleRate: Double?

    @Option(help: "Probability that an ECS call is answered HTTP 500 ServerException.")
    var errorRate: Double?

    @Option(help: "Probability that an ECS call's connection is closed without an answer.")
    var resetRate: Double?

    @Option(help: "Probability that a valid ExecuteCommand is answered TargetNotConnectedException.")
    var targetNotConnectedRate: Double?

    @Option(help: "The most items a list action returns a page, whatever maxResults asks (ECS may return fewer).")
    var pageSize: Int?

    @Option(name: .customLong("deny"), help: ArgumentHelp(
        "Answer this ECS action with AccessDeniedException; repeat for more.", valueName: "action"))
    var deniedActions: [String] = []

    @Option(name: .customLong("deny-cluster"), help: ArgumentHelp(
        "Answer every call on this cluster (a name: in every region; an ARN: in its own) with AccessDeniedException; repeat for more.",
        valueName: "name-or-arn"))
    var deniedClusters: [String] = []

    @Option(help: "Share of tasks that ListTasks lists and DescribeTasks reports MISSING (decided per task from the seed).")
    var vanishRate: Double?

    @Option(name: .customLong("vanish-task"), help: ArgumentHelp(
        "A task (id or ARN) that ListTasks lists and DescribeTasks reports MISSING; repeat for more.", valueName: "id-or-arn"))
    var vanishedTasks: [String] = []

    @Option(help: "Probability that the agent drops an outgoing frame.")
    var dropRate: Double?

    @Option(help: "Probability that the agent sends a frame twice.")
    var duplicateRate: Double?

    @Option(help: "Probability that the agent holds a frame back behind the next.")
    var reorderRate: Double?

    @Option(help: "Probability that an acknowledgement of the agent is lost.")
    var lostAckRate: Double?

    @Option(help: "Close the WebSocket after this many bytes of output.")
    var disconnectAfterBytes: Int?

    @Option(help: "Milliseconds the agent waits before starting the command.")
    var agentStartDelayMs: Int?

    @Option(help: "Seed of the fault dice and of a generated fleet (default: the spec's seed, else 1).")
    var seed: UInt64?

    func validate() throws {
        let rates = [spikeRate, throttleRate, errorRate, resetRate, targetNotConnectedRate, vanishRate, dropRate, duplicateRate, reorderRate,
                     lostAckRate]
        guard rates.allSatisfy({ $0.map { (0...1).contains($0) } ?? true }) else {
            throw ValidationError("Fault rates must be between 0 and 1.")
        }
        guard [latencyMs, spikeMs, disconnectAfterBytes, agentStartDelayMs].allSatisfy({ ($0 ?? 0) >= 0 }) else {
            throw ValidationError("--latency-ms, --disconnect-after-bytes and --agent-start-delay-ms must not be negative.")
        }
        if let pageSize, pageSize < 1 { throw ValidationError("--page-size must be at least 1.") }
        let unknown = deniedActions.filter { !SimulatorConfiguration.ecsActions.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("--deny names no action ecs-sim serves: \(unknown.joined(separator: ", ")); "
                + "it serves \(SimulatorConfiguration.ecsActions.sorted().joined(separator: ", ")).")
        }
    }

    /// `base` (the spec's) with every flag given applied.
    func apiFaults(base: APIFaults?) -> APIFaults {
        var faults = base ?? APIFaults()
        if let latencyMs { faults.latencyMilliseconds = latencyMs }
        if let spikeRate { faults.spikeRate = spikeRate }
        if let spikeMs { faults.spikeMilliseconds = spikeMs }
        if let throttleRate { faults.throttleRate = throttleRate }
        if let errorRate { faults.errorRate = errorRate }
        if let resetRate { faults.resetRate = resetRate }
        if let targetNotConnectedRate { faults.targetNotConnectedRate = targetNotConnectedRate }
        if let pageSize { faults.pageSize = pageSize }
        if !deniedActions.isEmpty { faults.deny = deniedActions }
        if !deniedClusters.isEmpty { faults.denyClusters = deniedClusters }
        if let vanishRate { faults.vanishRate = vanishRate }
        if !vanishedTasks.isEmpty { faults.vanishTasks = vanishedTasks }
        return faults
    }

    /// `base` (the spec's) with every flag given applied.
    func channelFaults(base: ChannelFaults?) -> ChannelFaults {
        var faults = base ?? ChannelFaults()
        if let dropRate { faults.dropRate = dropRate }
        if let duplicateRate { faults.duplicateRate = duplicateRate }
        if let reorderRate { faults.reorderRate = reorderRate }
        if let lostAckRate { faults.lostAckRate = lostAckRate }
        if let disconnectAfterBytes { faults.disconnectAfterBytes = disconnectAfterBytes }
        if let agentStartDelayMs { faults.agentStartDelayMilliseconds = agentStartDelayMs }
        return faults
    }
}
