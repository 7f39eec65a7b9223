import Synchronization

/// Counters of what the simulator answered, for `GET /_sim/stats`; `POST /_sim/reset`
/// zeroes them.
final class StatsRecorder: Sendable {
    /// The counters as `/_sim/stats` reports them (plus the hub's under `channel`).
    struct Counts: Sendable {
        /// ECS calls received, by action, whatever their answer (faults included).
        var calls: [String: Int] = [:]
        /// KMS calls received, by action.
        var kmsCalls: [String: Int] = [:]
        /// Error answers, by code (injected faults included).
        var errors: [String: Int] = [:]
        /// Injected faults, by kind: `latency`, `throttle`, `error`, `reset`, `targetNotConnected`,
        /// `deny`, `vanish` (one per task reported missing).
        var faults: [String: Int] = [:]
        /// ExecuteCommand sessions registered with the hub.
        var sessionsStarted = 0
        /// ECS calls received and not yet answered.
        var inFlight = 0
        /// The most ECS calls in flight at once since start-up or the last reset.
        var maxInFlight = 0

        var totalCalls: Int { calls.values.reduce(0, +) }
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { counts.withLock { $0 } }

    /// An ECS call of `action` arrived: counted, and in flight until ``answered()``.
    func call(_ action: String) {
        counts.withLock { counts in
            counts.calls[action, default: 0] += 1
            counts.inFlight += 1
            counts.maxInFlight = max(counts.maxInFlight, counts.inFlight)
        }
    }

    /// An ECS call is answered (or its connection closed): no longer in flight.
    func answered() { counts.withLock { $0.inFlight -= 1 } }

    func kmsCall(_ action: String) { counts.withLock { $0.kmsCalls[action, default: 0] += 1 } }
    func error(_ code: String) { counts.withLock { $0.errors[code, default: 0] += 1 } }
    func fault(_ kind: String, count: Int = 1) { counts.withLock { $0.faults[kind, default: 0] += count } }
    func sessionStarted() { counts.withLock { $0.sessionsStarted += 1 } }

    /// Zeroes every counter; calls in flight stay in flight, and the high-water mark starts
    /// again from them.
    func reset() {
        counts.withLock { counts in
            let inFlight = counts.inFlight
            counts = Counts(inFlight: inFlight, maxInFlight: inFlight)
        }
    }
}
