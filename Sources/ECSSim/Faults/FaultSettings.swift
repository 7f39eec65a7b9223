import SimSession

/// API and channel faults together, as `POST /_sim/faults`, `GET /_sim/faults` and the fleet
/// spec's `faults` write them: `{"api": {…}, "channel": {…}, "seed": 7}`.
///
/// A part left out keeps its current value; a part given replaces the current one whole (a
/// name it leaves out is 0 / none). Channel names: `dropRate`, `duplicateRate`,
/// `reorderRate`, `lostAckRate`, `disconnectAfterBytes`, `agentStartDelayMs`.
public struct FaultSettings: Sendable, Hashable {
    public var api: APIFaults?
    public var channel: ChannelFaults?
    /// Re-seeds the dice of both.
    public var seed: UInt64?

    public init(api: APIFaults? = nil, channel: ChannelFaults? = nil, seed: UInt64? = nil) {
        self.api = api
        self.channel = channel
        self.seed = seed
    }
}

extension FaultSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case api, channel, seed
    }

    enum ChannelKeys: String, CodingKey {
        case dropRate, duplicateRate, reorderRate, lostAckRate, disconnectAfterBytes
        case agentStartDelayMilliseconds = "agentStartDelayMs"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        api = try c.decodeIfPresent(APIFaults.self, forKey: .api)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        guard c.contains(.channel), try !c.decodeNil(forKey: .channel) else { return }
        let channel = try c.nestedContainer(keyedBy: ChannelKeys.self, forKey: .channel)
        var faults = ChannelFaults()
        faults.dropRate = try channel.decodeIfPresent(Double.self, forKey: .dropRate) ?? 0
        faults.duplicateRate = try channel.decodeIfPresent(Double.self, forKey: .duplicateRate) ?? 0
        faults.reorderRate = try channel.decodeIfPresent(Double.self, forKey: .reorderRate) ?? 0
        faults.lostAckRate = try channel.decodeIfPresent(Double.self, forKey: .lostAckRate) ?? 0
        faults.disconnectAfterBytes = try channel.decodeIfPresent(Int.self, forKey: .disconnectAfterBytes)
        faults.agentStartDelayMilliseconds = try channel.decodeIfPresent(Int.self, forKey: .agentStartDelayMilliseconds) ?? 0
        self.channel = faults
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(api, forKey: .api)
        try c.encodeIfPresent(seed, forKey: .seed)
        guard let faults = channel else { return }
        var channel = c.nestedContainer(keyedBy: ChannelKeys.self, forKey: .channel)
        try channel.encode(faults.dropRate, forKey: .dropRate)
        try channel.encode(faults.duplicateRate, forKey: .duplicateRate)
        try channel.encode(faults.reorderRate, forKey: .reorderRate)
        try channel.encode(faults.lostAckRate, forKey: .lostAckRate)
        try channel.encodeIfPresent(faults.disconnectAfterBytes, forKey: .disconnectAfterBytes)
        try channel.encode(faults.agentStartDelayMilliseconds, forKey: .agentStartDelayMilliseconds)
    }
}
