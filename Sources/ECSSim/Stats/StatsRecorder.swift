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
        /// Injected faults, by kind: `latency`, `throttle`, `error`, `reset`, `targetNotConnected`.
        var faults: [String: Int] = [:]
        /// ExecuteCommand sessions registered with the hub.
        var sessionsStarted = 0

        var totalCalls: Int { calls.values.reduce(0, +) }
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { counts.withLock { $0 } }

    func call(_ action: String) { counts.withLock { $0.calls[action, default: 0] += 1 } }
    func kmsCall(_ action: String) { counts.withLock { $0.kmsCalls[action, default: 0] += 1 } }
    func error(_ code: String) { counts.withLock { $0.errors[code, default: 0] += 1 } }
    func fault(_ kind: String) { counts.withLock { $0.faults[kind, default: 0] += 1 } }
    func sessionStarted() { counts.withLock { $0.sessionsStarted += 1 } }
    func reset() { counts.withLock { $0 = Counts() } }
}
