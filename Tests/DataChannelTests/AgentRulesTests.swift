import DataChannel
import Foundation
import SimSession
import Testing

/// The simulated agent's rules (§5), driven frame by frame by ``RawChannelClient``.
struct AgentRulesTests {
    /// Connects to `spec` and sends the open frame.
    static func open(_ sim: SimFixture, _ spec: SessionSpec) async throws -> RawChannelClient {
        let client = try await RawChannelClient.connect(port: sim.server.port, path: "/v1/data-channel/\(spec.sessionId)")
        try await client.sendText(#"{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"\#(spec.token)","ClientId":"c","ClientVersion":"1.2.764.0"}"#)
        return client
    }

    /// Reads messages (acknowledging output) until `stop` says so; returns them all.
    static func read(_ client: RawChannelClient, timeout: Duration = .seconds(5),
                     until stop: ([ClientMessage]) -> Bool) async throws -> [ClientMessage] {
        var messages: [ClientMessage] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !stop(messages) {
            guard let message = await client.nextMessage(timeout: deadline - ContinuousClock.now) else { break }
            if message.messageType == .outputStreamData { try await client.acknowledge(message) }
            messages.append(message)
        }
        return messages
    }

    static func acknowledged(_ messages: [ClientMessage]) -> [Int64] {
        messages.filter { $0.messageType == .acknowledge }.compactMap {
            try? PayloadJSON.decode(AcknowledgeContent.self, from: $0.payload).acknowledgedMessageSequenceNumber
        }
    }

    static func output(_ messages: [ClientMessage]) -> String {
        var seen = Set<Int64>()
        return messages.filter { $0.messageType == .outputStreamData && seen.insert($0.sequenceNumber).inserted }
            .sorted { $0.sequenceNumber < $1.sequenceNumber }
            .map { String(decoding: $0.payload, as: UTF8.self) }.joined()
    }

    @Test func inputBeforeThePTYIsUpIsNeitherAcknowledgedNorConsumed() async throws {
        let sim = try await SimFixture.start()
        var faults = ChannelFaults()
        faults.agentStartDelayMilliseconds = 700
        let spec = sim.register("printf 'go\\n'; read x; printf 'got:%s\\n' \"$x\"", faults: faults)
        let client = try await Self.open(sim, spec)
        try await client.sendInput(0, Array("abc\n".utf8))
        #expect(await client.nextMessage(timeout: .milliseconds(400)) == nil, "no ack before the pty is up")

        // The first output: seq 0, SYN, PayloadType 1.
        let first = try #require(await client.nextMessage(timeout: .seconds(5)))
        #expect(first.messageType == .outputStreamData)
        #expect(first.sequenceNumber == 0 && first.flags == .syn && first.payloadType == .output)
        try await client.acknowledge(first)

        // Retransmitted, now it is taken and acknowledged (seq 0, Flags 3, PayloadType 0).
        try await client.sendInput(0, Array("abc\n".utf8))
        let rest = try await Self.read(client) { Self.output([first] + $0).contains("got:abc\r\n") }
        let ack = try #require(rest.first { $0.messageType == .acknowledge })
        #expect(ack.sequenceNumber == 0 && ack.flags == .acknowledgement && ack.payloadType == .unset)
        #expect(Self.acknowledged(rest) == [0])
        #expect(Self.output([first] + rest) == "go\r\nabc\r\ngot:abc\r\n")
        #expect(rest.filter { $0.messageType == .outputStreamData }.allSatisfy { $0.flags == [] })
        try await client.close()
        try await sim.stop()
    }

    @Test func outOfOrderInputIsHeldAndDuplicatesAreAcknowledgedAgain() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'go\\n'; read a; read b; printf '%s-%s\\n' \"$a\" \"$b\"; sleep 1")
        let client = try await Self.open(sim, spec)
        let first = try #require(await client.nextMessage())
        try await client.acknowledge(first)

        try await client.sendInput(1, Array("def\n".utf8))
        let early = try await Self.read(client, timeout: .milliseconds(400)) { _ in false }
        #expect(Self.acknowledged(early) == [1], "seq 1 is acknowledged and held")
        #expect(Self.output(early).isEmpty, "and not given to the pty before seq 0")

        try await client.sendInput(0, Array("abc\n".utf8))
        var rest = try await Self.read(client) { Self.output($0).contains("abc-def\r\n") }
        #expect(Self.acknowledged(rest) == [0])
        #expect(Self.output([first] + rest) == "go\r\nabc\r\ndef\r\nabc-def\r\n")

        try await client.sendInput(0, Array("abc\n".utf8))
        rest = try await Self.read(client, timeout: .milliseconds(400)) { _ in false }
        #expect(Self.acknowledged(rest).contains(0), "a duplicate is acknowledged again")
        try await client.close()
        try await sim.stop()
    }

    @Test func corruptFramesAreDroppedWithoutAcknowledgement() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'go\\n'; read x; echo \"[$x]\"")
        let client = try await Self.open(sim, spec)
        let first = try #require(await client.nextMessage())
        try await client.acknowledge(first)
        var corrupt = ClientMessage.streamData(.inputStreamData, sequenceNumber: 0, payloadType: .output,
                                               payload: Array("bad\n".utf8), messageId: UUID(),
                                               createdDate: ClientMessage.milliseconds(Date())).encoded()
        corrupt[corrupt.count - 2] ^= 0x20
        try await client.sendFrame(corrupt)
        let nothing = try await Self.read(client, timeout: .milliseconds(400)) { _ in false }
        #expect(nothing.isEmpty)
        #expect(sim.hub.stats().framesRejected == 1)
        try await client.sendInput(0, Array("ok\n".utf8))
        let rest = try await Self.read(client) { Self.output($0).contains("[ok]") }
        #expect(Self.acknowledged(rest) == [0])
        try await client.close()
        try await sim.stop()
    }

    @Test func unacknowledgedOutputIsResentThenTheChannelCloses() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'once\\n'")
        let client = try await RawChannelClient.connect(port: sim.server.port, path: "/v1/data-channel/\(spec.sessionId)")
        try await client.sendText(#"{"MessageSchemaVersion":"1.0","RequestId":"r","TokenValue":"\#(spec.token)","ClientId":"c"}"#)
        // Never acknowledged: resent with the agent's timing, until one is acknowledged.
        let started = ContinuousClock.now
        var copies: [(ClientMessage, Duration)] = []
        while copies.count < 3, let message = await client.nextMessage(timeout: .seconds(3)) {
            copies.append((message, ContinuousClock.now - started))
        }
        #expect(copies.count == 3)
        #expect(copies.allSatisfy { $0.0.sequenceNumber == 0 && $0.0.payload == Array("once\r\n".utf8) })
        if copies.count == 3 {
            // RTO 200 ms checked on 100 ms ticks: 200-300 ms between copies (less timer jitter).
            #expect(copies[1].1 - copies[0].1 >= .milliseconds(150))
            #expect(copies[2].1 - copies[1].1 >= .milliseconds(150))
            try await client.acknowledge(copies[0].0)
        }
        let closed = try #require(await client.nextMessage(timeout: .seconds(3)))
        #expect(closed.messageType == .channelClosed)
        #expect(closed.sequenceNumber == 0 && closed.flags == .acknowledgement && closed.payloadType == .unset)
        let content = try PayloadJSON.decode(ChannelClosedContent.self, from: closed.payload)
        #expect(content.sessionId == spec.sessionId && content.messageType == "channel_closed" && content.output.isEmpty)
        try await client.close()
        try await sim.stop()
    }
}
