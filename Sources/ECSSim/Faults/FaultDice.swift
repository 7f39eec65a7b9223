import SimSession
import Synchronization

/// The faults in force and the seeded dice that decide which calls meet them, shared by
/// every connection; `POST /_sim/faults` replaces them while the simulator runs.
final class FaultDice: Sendable {
    private struct State {
        var api: APIFaults
        var channel: ChannelFaults
        var seed: UInt64
        var random: SeededRandom
        /// Sessions started so far: each gets the channel seed plus its number.
        var sessions: UInt64 = 0
    }

    private let state: Mutex<State>

    init(api: APIFaults, channel: ChannelFaults, seed: UInt64) {
        state = Mutex(State(api: api, channel: channel, seed: seed, random: SeededRandom(seed: seed, "api-faults")))
    }

    /// The API faults in force.
    var api: APIFaults { state.withLock { $0.api } }

    /// Both, with the seed, as `GET /_sim/faults` shows them.
    var settings: FaultSettings { state.withLock { FaultSettings(api: $0.api, channel: $0.channel, seed: $0.seed) } }

    /// Replaces what `settings` gives; a new seed restarts the dice.
    func apply(_ settings: FaultSettings) {
        state.withLock { state in
            if let api = settings.api { state.api = api }
            if let channel = settings.channel { state.channel = channel }
            if let seed = settings.seed {
                state.seed = seed
                state.random = SeededRandom(seed: seed, "api-faults")
                state.sessions = 0
            }
        }
    }

    /// The faults the next ECS call meets: the API faults in force, with every die of the call
    /// rolled at once, so that calls served at the same time cannot take each other's rolls and
    /// the n-th call's faults depend only on the seed and n.
    func nextCall() -> CallFaults {
        state.withLock { state in
            let api = state.api
            func roll(_ rate: Double) -> Bool { rate > 0 && state.random.chance(rate) }
            let dice = CallFaults.Dice(reset: roll(api.resetRate), spike: roll(api.spikeRate), throttle: roll(api.throttleRate), error: roll(api.errorRate),
                                       targetNotConnected: roll(api.targetNotConnectedRate))
            return CallFaults(api: api, seed: state.seed, dice: dice)
        }
    }

    /// The channel faults for a new session: those in force, seeded with the seed plus the
    /// session's number, so each session's dice differ but a run can be replayed.
    func channelFaultsForNextSession() -> ChannelFaults {
        state.withLock { state in
            var faults = state.channel
            faults.seed = state.seed &+ state.sessions
            state.sessions += 1
            return faults
        }
    }
}
