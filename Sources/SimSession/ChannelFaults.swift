/// Faults the simulated agent injects on a data channel.
public struct ChannelFaults: Sendable, Hashable, Codable {
    /// Probability that an outgoing frame (output or ack) is never sent (it is retransmitted).
    public var dropRate: Double = 0
    /// Probability that an outgoing frame is sent twice.
    public var duplicateRate: Double = 0
    /// Probability that an outgoing frame is held back and sent after the next one.
    public var reorderRate: Double = 0
    /// Probability that an ack the agent would send is lost.
    public var lostAckRate: Double = 0
    /// Close the WebSocket abruptly after this many payload bytes of output, if set.
    public var disconnectAfterBytes: Int? = nil
    /// Milliseconds the agent waits before it starts the command and pumps output (the
    /// real agent waits 1 s; the simulator defaults to none).
    public var agentStartDelayMilliseconds: Int = 0
    /// Seed of the fault dice, so a failing run can be replayed.
    public var seed: UInt64 = 1

    public init() {}

    enum CodingKeys: String, CodingKey {
        case dropRate, duplicateRate, reorderRate, lostAckRate, disconnectAfterBytes
        case agentStartDelayMilliseconds, seed
    }

    /// Every key is optional; a missing one keeps its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dropRate = try container.decodeIfPresent(Double.self, forKey: .dropRate) ?? 0
        duplicateRate = try container.decodeIfPresent(Double.self, forKey: .duplicateRate) ?? 0
        reorderRate = try container.decodeIfPresent(Double.self, forKey: .reorderRate) ?? 0
        lostAckRate = try container.decodeIfPresent(Double.self, forKey: .lostAckRate) ?? 0
        disconnectAfterBytes = try container.decodeIfPresent(Int.self, forKey: .disconnectAfterBytes)
        agentStartDelayMilliseconds = try container.decodeIfPresent(Int.self, forKey: .agentStartDelayMilliseconds) ?? 0
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
    }
}
