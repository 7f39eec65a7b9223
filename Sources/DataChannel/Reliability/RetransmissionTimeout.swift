/// The retransmission timeout both Go peers compute from acknowledgement round trips.
///
/// On each sample (time from the last send of a message to its acknowledgement):
///
///     RTTVAR = (1 − β)·RTTVAR + β·|RTT − sample|      β = 1/4
///     RTT    = (1 − α)·RTT + α·sample                 α = 1/8
///     RTO    = min(RTT + max(G, 4·RTTVAR), maximum)   G = 10 ms, maximum = 1 s
///
/// starting from RTT = 100 ms, RTTVAR = 0, RTO = 200 ms. Arithmetic is in nanoseconds as
/// `Double`, as the Go code does it with `float64`.
public struct RetransmissionTimeout: Hashable, Sendable {
    /// The constants; the defaults are the agent's and the plugin's (they agree).
    public struct Parameters: Hashable, Sendable {
        public var initialRoundTripTime: Duration = .milliseconds(100)
        public var initialVariation: Duration = .zero
        public var initialTimeout: Duration = .milliseconds(200)
        public var clockGranularity: Duration = .milliseconds(10)
        public var maximumTimeout: Duration = .seconds(1)
        /// α, the weight of a new sample in RTT.
        public var roundTripGain = 1.0 / 8.0
        /// β, the weight of a new deviation in RTTVAR.
        public var variationGain = 1.0 / 4.0

        public init() {}
    }

    public let parameters: Parameters
    private var rtt: Double
    private var rttvar: Double
    private var rto: Double

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
        rtt = parameters.initialRoundTripTime.nanoseconds
        rttvar = parameters.initialVariation.nanoseconds
        rto = parameters.initialTimeout.nanoseconds
    }

    /// The smoothed round-trip time (RTT).
    public var roundTripTime: Duration { .nanoseconds(Int64(rtt)) }
    /// The round-trip time variation (RTTVAR).
    public var variation: Duration { .nanoseconds(Int64(rttvar)) }
    /// The current timeout (RTO).
    public var timeout: Duration { .nanoseconds(Int64(rto)) }

    /// Folds in one round-trip sample.
    public mutating func record(sample: Duration) {
        let sample = sample.nanoseconds
        rttvar = (1 - parameters.variationGain) * rttvar + parameters.variationGain * abs(rtt - sample)
        rtt = (1 - parameters.roundTripGain) * rtt + parameters.roundTripGain * sample
        rto = min(rtt + max(parameters.clockGranularity.nanoseconds, 4 * rttvar),
                  parameters.maximumTimeout.nanoseconds)
    }
}

extension Duration {
    /// The duration in nanoseconds, as a `Double`.
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}
