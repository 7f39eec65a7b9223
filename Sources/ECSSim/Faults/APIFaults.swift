/// Faults the simulator injects into ECS API calls (not into `/_sim/*`, nor KMS).
///
/// Each rate is the probability, from 0 to 1, that one call meets that fault; the dice are
/// seeded (``FaultDice``). JSON names: `latencyMs`, `throttleRate`, `errorRate`, `resetRate`,
/// `targetNotConnectedRate`; a name left out is 0.
public struct APIFaults: Sendable, Hashable {
    /// Milliseconds every call waits before it is answered.
    public var latencyMilliseconds: Int = 0
    /// Answer HTTP 400 `ThrottlingException` "Rate exceeded".
    public var throttleRate: Double = 0
    /// Answer HTTP 500 `ServerException`.
    public var errorRate: Double = 0
    /// Close the connection without answering.
    public var resetRate: Double = 0
    /// Answer an otherwise good ExecuteCommand with `TargetNotConnectedException`.
    public var targetNotConnectedRate: Double = 0

    public init(latencyMilliseconds: Int = 0, throttleRate: Double = 0, errorRate: Double = 0, resetRate: Double = 0,
                targetNotConnectedRate: Double = 0) {
        self.latencyMilliseconds = latencyMilliseconds
        self.throttleRate = throttleRate
        self.errorRate = errorRate
        self.resetRate = resetRate
        self.targetNotConnectedRate = targetNotConnectedRate
    }
}

extension APIFaults: Codable {
    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds = "latencyMs"
        case throttleRate, errorRate, resetRate, targetNotConnectedRate
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0
        throttleRate = try c.decodeIfPresent(Double.self, forKey: .throttleRate) ?? 0
        errorRate = try c.decodeIfPresent(Double.self, forKey: .errorRate) ?? 0
        resetRate = try c.decodeIfPresent(Double.self, forKey: .resetRate) ?? 0
        targetNotConnectedRate = try c.decodeIfPresent(Double.self, forKey: .targetNotConnectedRate) ?? 0
    }
}
