import AWSCore
import NodeModel
import Executor
import Foundation
import Testing
import TestSupport

/// Commands run through ExecuteCommand and the data channel of a real ecs-sim (real WebSocket,
/// real PTY).
@Suite(.serialized)
struct SimExecTests {
    @Test func oneNodeGivesByteExactOutputAndItsExitStatus() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        #expect(fleet.targets.count == 1)
        let (results, outputs) = await fleet.run { _ in #"printf 'hello\nworld\n\tno newline at end'; printf '\r\nCRLF kept\r\n'"# }
        #expect(results.map(\.status) == [.ok])
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == "hello\nworld\n\tno newline at end\r\nCRLF kept\r\n")
    }

    /// A quiet session is pinged (`keepalive`) every ping interval, as the plugin does, and
    /// the pongs do not disturb the output.
    @Test func aQuietSessionIsPingedToKeepItAlive() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        var runner = fleet.runner
        runner.transport = NIOWebSocketTransport(pingInterval: .milliseconds(100))
        let (results, outputs) = await fleet.run({ _ in "sleep 1; echo awake" }, runner: runner)
        #expect(results.map(\.status) == [.ok])
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == "awake\n")
        let pings = (try await fleet.stats()["channel"] as? [String: Any])?["pingsReceived"] as? Int ?? 0
        #expect(pings >= 5, "\(pings) pings in a session of over a second")
    }

    /// Session Manager ends a session after a while without client input, whatever the
    /// command prints (ecs-sim's `--idle-timeout`, 20 minutes in ECS). A command that runs
    /// longer than that survives because the terminal size is sent again in between; without
    /// the refresh the node is lost with the service's words.
    @Test func aLongCommandOutlivesTheIdleTimeout() async throws {
        let fleet = try await SimFleet.start(tasks: 1, arguments: ["--idle-timeout", "1"])
        defer { fleet.stop() }
        var runner = fleet.runner
        runner.idleRefresh = .milliseconds(300)
        let (results, outputs) = await fleet.run({ _ in "for i in 1 2 3 4; do sleep 0.5; echo tick $i; done" }, runner: runner)
        #expect(results.map(\.status) == [.ok])
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == "tick 1\ntick 2\ntick 3\ntick 4\n")
        let channel = try await fleet.stats()["channel"] as? [String: Any] ?? [:]
        #expect(channel["idleTimeouts"] as? Int == 0 && (channel["sizesReceived"] as? Int ?? 0) >= 5, "\(channel)")

        runner.idleRefresh = nil
        let (cut, _) = await fleet.run({ _ in "for i in 1 2 3 4; do sleep 0.5; echo tick $i; done" }, runner: runner)
        guard case .lost(let reason)? = cut.first?.status else { Issue.record("\(cut)"); return }
        #expect(reason.contains("Your session timed out due to inactivity"), "\(reason)")
    }

    /// Security row of RELIABILITY.md: bytes that are not UTF-8 (and NUL, ESC) pass through
    /// unchanged; nothing is decoded or re-encoded on the way.
    @Test func bytesThatAreNotUTF8PassThroughUnchanged() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let (results, outputs) = await fleet.run { _ in #"printf '\377\376 \300\200 \000 \033[31m red \342\202'"# }
        #expect(results.map(\.status) == [.ok])
        #expect(outputs.values.first == [0xFF, 0xFE, 0x20, 0xC0, 0x80, 0x20, 0x00, 0x20, 0x1B, 0x5B, 0x33, 0x31, 0x6D,
                                         0x20, 0x72, 0x65, 0x64, 0x20, 0xE2, 0x82])
    }

    @Test(arguments: [("exit 0", Int32(0)), ("false", 1), ("exit 3", 3), ("no-such-command-xyz", 127), ("kill -9 $$", 137), ("kill -TERM $$", 143)])
    func exitStatuses(command: String, status: Int32) async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let (results, _) = await fleet.run { _ in command }
        #expect(results.first?.exitStatus == status, "\(results)")
    }

    @Test func tenNodesEachWithItsOwnOutputAndStatus() async throws {
        let fleet = try await SimFleet.start(tasks: 10)
        defer { fleet.stop() }
        let statuses = Dictionary(uniqueKeysWithValues: fleet.targets.enumerated().map { ($0.element.node, Int32([0, 1, 3, 127, 0][$0.offset % 5])) })
        let (results, outputs) = await fleet.run { target in
            let status = statuses[target.node]!
            let exit = status == 127 ? "no-such-command-xyz" : "exit \(status)"
            return "echo node \(target.node); seq 1 50; \(exit)"
        }
        for result in results {
            #expect(result.exitStatus == statuses[result.node], "\(result)")
            let expected = "node \(result.node)\n" + (1...50).map { "\($0)\n" }.joined()
            let text = String(decoding: outputs[result.node] ?? [], as: UTF8.self)
            if statuses[result.node] == 127 {
                #expect(text.hasPrefix(expected))
            } else {
                #expect(text == expected)
            }
        }
    }

    @Test func templatedValuesAreInert() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let witness = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-inert-\(UUID().uuidString)").path
        let evil = "$(touch \(witness)) `touch \(witness)` ' \" \\ ; touch \(witness)"
        let template = CommandTemplate("printf '%s\\n' ${node.evil}")
        let node = Node(name: "n", attributes: ["evil": evil])
        let command = try template.render(for: node)
        let (results, outputs) = await fleet.run { _ in command }
        #expect(results.first?.status == .ok)
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == evil + "\n")
        #expect(!FileManager.default.fileExists(atPath: witness))
    }
}

/// The same under faults and at scale.
@Suite(.serialized)
struct SimFaultTests {
    @Test func droppedDuplicatedAndReorderedFramesStillGiveByteExactOutput() async throws {
        let fleet = try await SimFleet.start(tasks: 10, arguments: ["--drop-rate", "0.05", "--duplicate-rate", "0.05", "--reorder-rate", "0.05", "--lost-ack-rate", "0.05"])
        defer { fleet.stop() }
        let (results, outputs) = await fleet.run { _ in "seq 1 20000" }
        let expected = Array((1...20000).map { "\($0)\n" }.joined().utf8)
        for result in results {
            #expect(result.status == .ok, "\(result)")
            #expect(outputs[result.node] == expected, "\(result.node): \(outputs[result.node]?.count ?? 0) bytes")
        }
        let channel = try await fleet.stats()["channel"] as? [String: Any] ?? [:]
        #expect((channel["framesDropped"] as? Int ?? 0) > 0)
        #expect((channel["framesDuplicated"] as? Int ?? 0) > 0)
        #expect((channel["framesReordered"] as? Int ?? 0) > 0)
    }

    @Test func aDisconnectMidStreamLosesThatNodeOnly() async throws {
        let fleet = try await SimFleet.start(tasks: 4)
        defer { fleet.stop() }
        let victim = fleet.targets[0].node
        // Only the victim's session gets the fault: faults apply to sessions started after the change.
        try await fleet.setChannelFaults(#"{"disconnectAfterBytes": 5000}"#)
        let first = await fleet.run({ _ in "seq 1 100000" }, only: [victim])
        try await fleet.setChannelFaults("{}")
        let rest = await fleet.run({ _ in "seq 1 1000" }, only: Array(fleet.targets.dropFirst().map(\.node)))
        guard case .lost(let reason)? = first.results.first?.status else {
            Issue.record("victim not lost: \(first.results)")
            return
        }
        #expect(reason.contains("closed") || reason.contains("lost"), "\(reason)")
        #expect(rest.results.allSatisfy { $0.status == .ok }, "\(rest.results)")
    }

    @Test func throttledExecuteCommandIsRetried() async throws {
        let fleet = try await SimFleet.start(tasks: 10, arguments: ["--throttle-rate", "0.4", "--seed", "3"])
        defer { fleet.stop() }
        let (results, _) = await fleet.run { _ in "true" }
        #expect(results.allSatisfy { $0.status == .ok }, "\(results)")
        let stats = try await fleet.stats()
        let faults = stats["faults"] as? [String: Int] ?? [:]
        #expect((faults["throttle"] ?? 0) > 0)
    }

    @Test func tenMebibytesArriveByteExact() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        // 10 MiB of every byte value except none: head -c from a repeatable generator.
        let command = "i=0; while [ $i -lt 40960 ]; do printf '%0255d\\n' $i; i=$((i+1)); done"
        let (results, outputs) = await fleet.run { _ in command }
        #expect(results.first?.status == .ok, "\(results)")
        let output = outputs.values.first ?? []
        #expect(output.count == 10 * 1024 * 1024)
        var expected: [UInt8] = []
        expected.reserveCapacity(10 * 1024 * 1024)
        for i in 0..<40960 { expected += Array((String(repeating: "0", count: 255 - String(i).count) + String(i) + "\n").utf8) }
        #expect(output == expected)
    }

    @Test func twoHundredNodes() async throws {
        let fleet = try await SimFleet.start(tasks: 200)
        defer { fleet.stop() }
        #expect(fleet.targets.count == 200)
        let (results, outputs) = await fleet.run({ target in "echo \(target.node); exit \(target.node.utf8.last! % 4)" },
                                                 fanOut: FanOut(parallel: 64, keepGoing: true))
        for result in results {
            #expect(result.exitStatus == Int32(result.node.utf8.last! % 4), "\(result)")
            #expect(outputs[result.node] == Array("\(result.node)\n".utf8))
        }
    }

    @Test func withoutKeepGoingNoNewNodeStartsAfterAFailure() async throws {
        let fleet = try await SimFleet.start(tasks: 5)
        defer { fleet.stop() }
        let (results, _) = await fleet.run({ _ in "exit 2" }, fanOut: FanOut(parallel: 1, keepGoing: false))
        #expect(results.first?.status == .failed(2))
        #expect(results.dropFirst().allSatisfy { $0.status == .skipped(.notStartedAfterFailure) })
    }

    @Test func aTimeoutEndsTheSessionAsLost() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let start = ContinuousClock.now
        let (results, outputs) = await fleet.run({ _ in "echo started; sleep 30" }, fanOut: FanOut(parallel: 1, keepGoing: true, timeout: .milliseconds(800)))
        #expect(ContinuousClock.now - start < .seconds(10))
        guard case .lost(let reason)? = results.first?.status else { Issue.record("\(results)"); return }
        #expect(reason.contains("timed out"))
        #expect(outputs.values.first == Array("started\n".utf8))
    }
}
