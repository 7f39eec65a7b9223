/// Faults the simulator injects into ECS API calls (not into `/_sim/*`, nor KMS), and the
/// answers it gives that AWS gives only sometimes (short pages, refusals, vanished tasks).
///
/// Each rate is the probability, from 0 to 1, that one call meets that fault; the dice are
/// seeded (``FaultDice``). JSON names: `latencyMs`, `spikeRate`, `spikeMs`, `throttleRate`, `errorRate`, `resetRate`,
/// `targetNotConnectedRate`, `pageSize`, `deny`, `denyClusters`, `vanishRate`, `vanishTasks`;
/// a name left out is 0 or none.
public struct APIFaults: Sendable, Hashable {
    /// Milliseconds every call waits before it is answered.
    public var latencyMilliseconds: Int = 0
    /// Probability that a call waits ``spikeMilliseconds`` more (a latency spike).
    public var spikeRate: Double = 0
    /// The extra wait of a latency spike.
    public var spikeMilliseconds: Int = 0
    /// Answer HTTP 400 `ThrottlingException` "Rate exceeded".
    public var throttleRate: Double = 0
    /// Answer HTTP 500 `ServerException`.
    public var errorRate: Double = 0
    /// Close the connection without answering.
    public var resetRate: Double = 0
    /// Answer an otherwise good ExecuteCommand with `TargetNotConnectedException`.
    public var targetNotConnectedRate: Double = 0
    /// List actions return at most this many items a page, whatever `maxResults` asks (ECS
    /// may return fewer); nil for no cap.
    public var pageSize: Int?
    /// Actions answered HTTP 400 `AccessDeniedException`, as for a caller whose IAM policy
    /// does not allow them (`DescribeTaskDefinition`, …).
    public var deny: [String] = []
    /// Clusters (a name: in every region; an ARN: in its own) whose calls are answered
    /// `AccessDeniedException`, as for a policy that allows only other cluster ARNs.
    public var denyClusters: [String] = []
    /// The share of tasks that ListTasks lists but DescribeTasks reports as `MISSING`
    /// failures, as when tasks stop and expire between the two calls. Which tasks is decided
    /// per task from the fault seed, so a vanished task stays vanished.
    public var vanishRate: Double = 0
    /// Tasks (ids or ARNs) that vanish that way, whatever ``vanishRate`` says.
    public var vanishTasks: [String] = []

    public init(latencyMilliseconds: Int = 0, throttleRate: Double = 0, errorRate: Double = 0, resetRate: Double = 0,
                targetNotConnectedRate: Double = 0, pageSize: Int? = nil, deny: [String] = [], denyClusters: [String] = [],
                vanishRate: Double = 0, vanishTasks: [String] = []) {
        self.latencyMilliseconds = latencyMilliseconds
        self.throttleRate = throttleRate
        self.errorRate = errorRate
        self.resetRate = resetRate
        self.targetNotConnectedRate = targetNotConnectedRate
        self.pageSize = pageSize
        self.deny = deny
        self.denyClusters = denyClusters
        self.vanishRate = vanishRate
        self.vanishTasks = vanishTasks
    }
}

extension APIFaults: Codable {
    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds = "latencyMs"
        case spikeRate, spikeMilliseconds = "spikeMs"
        case throttleRate, errorRate, resetRate, targetNotConnectedRate, pageSize, deny, denyClusters, vanishRate, vanishTasks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0
        spikeRate = try c.decodeIfPresent(Double.self, forKey: .spikeRate) ?? 0
        spikeMilliseconds = try c.decodeIfPresent(Int.self, forKey: .spikeMilliseconds) ?? 0
        throttleRate = try c.decodeIfPresent(Double.self, forKey: .throttleRate) ?? 0
        errorRate = try c.decodeIfPresent(Double.self, forKey: .errorRate) ?? 0
        resetRate = try c.decodeIfPresent(Double.self, forKey: .resetRate) ?? 0
        targetNotConnectedRate = try c.decodeIfPresent(Double.self, forKey: .targetNotConnectedRate) ?? 0
        pageSize = try c.decodeIfPresent(Int.self, forKey: .pageSize)
        deny = try c.decodeIfPresent([String].self, forKey: .deny) ?? []
        denyClusters = try c.decodeIfPresent([String].self, forKey: .denyClusters) ?? []
        vanishRate = try c.decodeIfPresent(Double.self, forKey: .vanishRate) ?? 0
        vanishTasks = try c.decodeIfPresent([String].self, forKey: .vanishTasks) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try c.encode(spikeRate, forKey: .spikeRate)
        try c.encode(spikeMilliseconds, forKey: .spikeMilliseconds)
        try c.encode(throttleRate, forKey: .throttleRate)
        try c.encode(errorRate, forKey: .errorRate)
        try c.encode(resetRate, forKey: .resetRate)
        try c.encode(targetNotConnectedRate, forKey: .targetNotConnectedRate)
        try c.encodeIfPresent(pageSize, forKey: .pageSize)
        try c.encode(deny, forKey: .deny)
        try c.encode(denyClusters, forKey: .denyClusters)
        try c.encode(vanishRate, forKey: .vanishRate)
        try c.encode(vanishTasks, forKey: .vanishTasks)
    }
}
