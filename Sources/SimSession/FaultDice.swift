/// The seeded dice of ``ChannelFaults``: SplitMix64, seeded with the fault seed mixed with the
/// session id (FNV-1a), so each session rolls differently and a run replays exactly.
struct FaultDice: Sendable {
    private var state: UInt64

    init(seed: UInt64, sessionId: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sessionId.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = seed ^ hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// True with probability `probability` (never for 0).
    mutating func roll(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        return Double(next() >> 11) / Double(1 << 53) < probability
    }
}
