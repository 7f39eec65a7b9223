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
}
