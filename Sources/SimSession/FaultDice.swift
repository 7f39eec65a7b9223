/// The seeded dice of ``ChannelFaults``: a ``SeededRandom`` stream keyed by the fault seed and
/// the session id, so each session rolls differently and a run replays exactly.
struct FaultDice: Sendable {
    private var random: SeededRandom

    init(seed: UInt64, sessionId: String) {
        random = SeededRandom(seed: seed, sessionId)
    }

    /// True with probability `probability` (never for 0).
    mutating func roll(_ probability: Double) -> Bool {
        random.chance(probability)
    }
}
