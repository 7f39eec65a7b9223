import DataChannel
import Testing

struct RetransmissionTimeoutTests {
    @Test func startsAtTheDocumentedValues() {
        let rto = RetransmissionTimeout()
        #expect(rto.roundTripTime == .milliseconds(100))
        #expect(rto.variation == .zero)
        #expect(rto.timeout == .milliseconds(200))
    }

    @Test func followsTheFormulasSampleBySample() {
        var rto = RetransmissionTimeout()
        // RTTVAR = ¾·0 + ¼·|100 − 20| = 20; RTT = ⅞·100 + ⅛·20 = 90; RTO = 90 + max(10, 80) = 170.
        rto.record(sample: .milliseconds(20))
        #expect(rto.variation == .milliseconds(20))
        #expect(rto.roundTripTime == .milliseconds(90))
        #expect(rto.timeout == .milliseconds(170))
        // RTTVAR = ¾·20 + ¼·|90 − 20| = 32.5; RTT = ⅞·90 + ⅛·20 = 81.25; RTO = 81.25 + 130 = 211.25.
        rto.record(sample: .milliseconds(20))
        #expect(rto.variation == .microseconds(32_500))
        #expect(rto.roundTripTime == .microseconds(81_250))
        #expect(rto.timeout == .microseconds(211_250))
    }

    @Test func isCappedAtOneSecond() {
        var rto = RetransmissionTimeout()
        rto.record(sample: .seconds(3))
        #expect(rto.timeout == .seconds(1))
    }

    @Test func neverGoesBelowRTTPlusTheClockGranularity() {
        var rto = RetransmissionTimeout()
        for _ in 0..<200 { rto.record(sample: .milliseconds(2)) }
        #expect(rto.variation < .microseconds(1))
        let floor = rto.roundTripTime + .milliseconds(10)
        #expect(rto.timeout >= floor - .nanoseconds(1) && rto.timeout <= floor + .nanoseconds(1))
    }
}

struct OutgoingBufferTests {
    let start = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test func agentResendsTheHeadOnlyAfterTheTimeoutAndStoresTheResendTime() {
        var buffer = OutgoingBuffer<String>(behaviour: .agent)
        for seq in 0..<3 { buffer.append(sequenceNumber: Int64(seq), message: "m\(seq)", sentAt: at(0)) }
        #expect(buffer.dueForRetransmission(at: at(200)) == nil)
        #expect(buffer.dueForRetransmission(at: at(201))?.message == "m0")
        #expect(buffer.dueForRetransmission(at: at(300)) == nil)
        #expect(buffer.dueForRetransmission(at: at(402))?.resendCount == 2)
    }

    @Test func pluginResendsTheHeadOnEveryTickAfterItsFirstTimeout() {
        var buffer = OutgoingBuffer<String>(behaviour: .plugin)
        buffer.append(sequenceNumber: 0, message: "m0", sentAt: at(0))
        #expect(buffer.dueForRetransmission(at: at(201))?.message == "m0")
        #expect(buffer.dueForRetransmission(at: at(301))?.message == "m0")
        #expect(buffer.dueForRetransmission(at: at(401))?.resendCount == 3)
    }

    @Test func acknowledgementsMatchBySequenceNumberAndFeedTheTimeout() {
        var buffer = OutgoingBuffer<String>(behaviour: .agent)
        for seq in 0..<3 { buffer.append(sequenceNumber: Int64(seq), message: "m\(seq)", sentAt: at(0)) }
        #expect(buffer.acknowledge(sequenceNumber: 1, at: at(20))?.message == "m1")
        #expect(buffer.timeout.timeout == .milliseconds(170))
        #expect(buffer.acknowledge(sequenceNumber: 1, at: at(30)) == nil)
        #expect(buffer.entries.map(\.sequenceNumber) == [0, 2])
        // Sample 40: RTTVAR = ¾·20 + ¼·|90 − 40| = 27.5, RTT = 83.75, RTO = 83.75 + 110 = 193.75.
        #expect(buffer.acknowledge(sequenceNumber: 0, at: at(40)) != nil)
        #expect(buffer.timeout.timeout == .microseconds(193_750))
        #expect(buffer.dueForRetransmission(at: at(193)) == nil)
        #expect(buffer.dueForRetransmission(at: at(194))?.message == "m2")
    }

    @Test func fullBuffersRefuseOrDropTheOldest() {
        var agent = OutgoingBuffer<Int>(behaviour: .agent, capacity: 2)
        var plugin = OutgoingBuffer<Int>(behaviour: .plugin, capacity: 2)
        for seq in 0..<3 {
            agent.append(sequenceNumber: Int64(seq), message: seq, sentAt: at(0))
            plugin.append(sequenceNumber: Int64(seq), message: seq, sentAt: at(0))
        }
        #expect(agent.entries.map(\.message) == [0, 1])
        #expect(plugin.entries.map(\.message) == [1, 2])
        #expect(OutgoingBuffer<Int>(behaviour: .agent).capacity == 100_000)
        #expect(OutgoingBuffer<Int>(behaviour: .plugin).capacity == 10_000)
    }
}

struct IncomingBufferTests {
    static let ready: @Sendable (Int) -> Bool = { _ in true }

    @Test func agentRulesDeliverInOrderBufferAheadAndReacknowledgeDuplicates() {
        var buffer = IncomingBuffer<Int>(rules: .agent)
        var reception = buffer.receive(0, sequenceNumber: 0, isReady: Self.ready)
        #expect(reception.disposition == .inOrder && reception.acknowledge && reception.delivered == [0])
        reception = buffer.receive(2, sequenceNumber: 2, isReady: Self.ready)
        #expect(reception.disposition == .buffered && reception.acknowledge && reception.delivered.isEmpty)
        reception = buffer.receive(2, sequenceNumber: 2, isReady: Self.ready)
        #expect(reception.disposition == .duplicate && reception.acknowledge)
        reception = buffer.receive(1, sequenceNumber: 1, isReady: Self.ready)
        #expect(reception.disposition == .inOrder && reception.delivered == [1, 2])
        #expect(buffer.expectedSequenceNumber == 3)
        reception = buffer.receive(0, sequenceNumber: 0, isReady: Self.ready)
        #expect(reception.disposition == .duplicate && reception.acknowledge && reception.delivered.isEmpty)
    }

    @Test func pluginRulesIgnoreDuplicates() {
        var buffer = IncomingBuffer<Int>(rules: .plugin)
        _ = buffer.receive(0, sequenceNumber: 0, isReady: Self.ready)
        let reception = buffer.receive(0, sequenceNumber: 0, isReady: Self.ready)
        #expect(reception.disposition == .duplicate && !reception.acknowledge)
    }

    @Test func expectedMessageThatIsNotReadyIsNeitherAcknowledgedNorConsumed() {
        var buffer = IncomingBuffer<Int>(rules: .agent)
        var reception = buffer.receive(0, sequenceNumber: 0, isReady: { _ in false })
        #expect(reception.disposition == .notReady && !reception.acknowledge && reception.delivered.isEmpty)
        #expect(buffer.expectedSequenceNumber == 0)
        // Ahead of the expected one: held and acknowledged even though nothing is ready.
        reception = buffer.receive(1, sequenceNumber: 1, isReady: { _ in false })
        #expect(reception.disposition == .buffered && reception.acknowledge)
        // The retransmitted 0, now ready, brings 1 along.
        reception = buffer.receive(0, sequenceNumber: 0, isReady: Self.ready)
        #expect(reception.delivered == [0, 1])
    }

    @Test func drainStopsAtAHeldMessageThatIsNotReady() {
        var buffer = IncomingBuffer<Int>(rules: .agent)
        _ = buffer.receive(1, sequenceNumber: 1, isReady: Self.ready)
        _ = buffer.receive(2, sequenceNumber: 2, isReady: Self.ready)
        let reception = buffer.receive(0, sequenceNumber: 0, isReady: { $0 == 0 })
        #expect(reception.delivered == [0])
        #expect(buffer.heldCount == 2)
        #expect(buffer.drain(isReady: Self.ready) == [1, 2])
        #expect(buffer.expectedSequenceNumber == 3)
    }

    @Test func overflowIsDroppedUnacknowledged() {
        var buffer = IncomingBuffer<Int>(rules: IncomingBuffer<Int>.Rules(reacknowledgesDuplicates: true, capacity: 1))
        _ = buffer.receive(1, sequenceNumber: 1, isReady: Self.ready)
        let reception = buffer.receive(2, sequenceNumber: 2, isReady: Self.ready)
        #expect(reception.disposition == .overflow && !reception.acknowledge)
    }
}
