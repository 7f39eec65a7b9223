import DataChannel
import Foundation
import SimSession
import Testing

/// Sessions of the simulated agent driven by the independent Python client.
struct SessionEndToEndTests {
    /// `lines` numbered lines with multi-byte characters, as the pty shows them (CRLF).
    static func numberedLines(_ lines: Int) -> (command: String, expected: [UInt8]) {
        let command = "i=0; while [ $i -lt \(lines) ]; do printf 'line %05d é€😀 abcdefghijklmnopqrstuvwxyz0123\\n' $i; i=$((i+1)); done"
        var expected: [UInt8] = []
        for i in 0..<lines {
            expected += Array("line \(String(format: "%05d", i)) é€😀 abcdefghijklmnopqrstuvwxyz0123\r\n".utf8)
        }
        return (command, expected)
    }

    @Test func printsHelloWithCRLFAndClosesTheChannel() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'hello\\n'; exit 3")
        let run = try await sim.runClient(spec)
        #expect(run.output == Array("hello\r\n".utf8), "\(run.stderr)")
        #expect(run.status == 0)
        #expect(run.channelClosed)
        #expect(run.protocolErrors.isEmpty)
        #expect(run.summary["protocol_warnings"] as? [String] == [])
        let stats = try await sim.waitForStats { $0.sessionsClosed == 1 }
        #expect(stats.sessionsOpened == 1)
        #expect(stats.sessionsActive == 0)
        try await sim.stop()
    }

    @Test func outputOf200KiBArrivesByteExact() async throws {
        let sim = try await SimFixture.start()
        let (command, expected) = Self.numberedLines(4000)
        #expect(expected.count > 200 * 1024)
        let spec = sim.register(command)
        let run = try await sim.runClient(spec, timeout: 60)
        #expect(run.output.count == expected.count, "\(run.stderr)")
        #expect(run.output == expected)
        #expect(run.channelClosed)
        #expect(run.protocolErrors.isEmpty)
        try await sim.stop()
    }

    @Test func stdinIsEchoedAndRead() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'ready\\n'; read line; printf 'got:%s\\n' \"$line\"")
        let run = try await sim.runClient(spec, stdin: Array("abc\n".utf8))
        #expect(String(decoding: run.output, as: UTF8.self) == "ready\r\nabc\r\ngot:abc\r\n", "\(run.stderr)")
        #expect(run.channelClosed)
        try await sim.stop()
    }

    @Test func sizeMessageSetsTheTerminalSize() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("printf 'x\\n'; sleep 0.3; stty size")
        let run = try await sim.runClient(spec, extra: ["--cols", "123", "--rows", "45"])
        #expect(String(decoding: run.output, as: UTF8.self) == "x\r\n45 123\r\n", "\(run.stderr)")
        try await sim.stop()
    }

    @Test func environmentAndWorkingDirectoryAreTheSpecs() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("pwd; echo \"$TERM $HOME\"; env | wc -l")
        let run = try await sim.runClient(spec)
        let lines = String(decoding: run.output, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.first == spec.workingDirectory, "\(run.stderr)")
        #expect(lines.dropFirst().first == "xterm-256color /root")
        // PATH, HOME, LANG, TERM, and what sh adds itself (PWD; OLDPWD on some shells).
        #expect((Int(lines.dropFirst(2).first?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0) <= 6)
        try await sim.stop()
    }

    @Test func faultsStillGiveExactOutput() async throws {
        let sim = try await SimFixture.start()
        let (command, expected) = Self.numberedLines(800)
        var faults = ChannelFaults()
        faults.dropRate = 0.1
        faults.duplicateRate = 0.1
        faults.reorderRate = 0.15
        faults.lostAckRate = 0.2
        faults.seed = 42
        // Eight 400-byte lines of stdin: four input messages, read back without echo.
        let lines = (0..<8).map { String(repeating: Character(String($0)), count: 399) }
        let readBack = "stty -echo; printf 'ready\\n'; for n in 1 2 3 4 5 6 7 8; do read line; printf 'got:%s\\n' \"$line\"; done; "
        let spec = sim.register(readBack + command, faults: faults, sessionId: "ecs-execute-command-faults-42")
        let run = try await sim.runClient(spec, stdin: Array(lines.map { $0 + "\n" }.joined().utf8), timeout: 60)
        let prefix = Array(("ready\r\n" + lines.map { "got:\($0)\r\n" }.joined()).utf8)
        #expect(run.output.count == prefix.count + expected.count, "\(run.stderr)")
        #expect(run.output == prefix + expected)
        #expect(run.channelClosed)
        #expect((run.summary["resends"] as? Int ?? 0) > 0, "the client resent input whose ack was lost or dropped")
        let stats = try await sim.waitForStats { $0.sessionsClosed == 1 }
        #expect(stats.framesResent > 0)
        #expect(stats.framesDropped > 0)
        #expect(stats.framesDuplicated > 0)
        #expect(stats.framesReordered > 0)
        #expect(stats.acksLost > 0)
        try await sim.stop()
    }

    @Test func disconnectAfterBytesClosesAbruptly() async throws {
        let sim = try await SimFixture.start()
        var faults = ChannelFaults()
        faults.disconnectAfterBytes = 3000
        let spec = sim.register("i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done", faults: faults)
        let run = try await sim.runClient(spec)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!run.channelClosed)
        // Some output came, and the connection was cut soon after the limit (on a loaded machine
        // the last frames before the cut may still be in flight when it comes).
        #expect(run.output.count > 0 && run.output.count < 3000 + 1024, "\(run.output.count) bytes")
        #expect(run.summary["ws_close_code"] is NSNull)
        let stats = try await sim.waitForStats { $0.sessionsClosed == 1 }
        #expect(stats.abruptDisconnects == 1)
        try await sim.stop()
    }

    @Test func startDelayHoldsTheFirstOutput() async throws {
        let sim = try await SimFixture.start()
        var faults = ChannelFaults()
        faults.agentStartDelayMilliseconds = 400
        let spec = sim.register("echo started", faults: faults)
        let began = ContinuousClock.now
        let run = try await sim.runClient(spec)
        #expect(ContinuousClock.now - began >= .milliseconds(400))
        #expect(String(decoding: run.output, as: UTF8.self) == "started\r\n", "\(run.stderr)")
        try await sim.stop()
    }

    @Test func wrongTokenIsRefusedWithPolicyViolation() async throws {
        let sim = try await SimFixture.start()
        let spec = sim.register("echo never")
        let run = try await sim.runClient(spec, token: "not-the-token")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.summary["ws_close_code"] as? Int == 1008)
        #expect(run.output.isEmpty)
        let stats = try await sim.waitForStats { $0.tokensRejected == 1 }
        #expect(stats.sessionsOpened == 0)
        try await sim.stop()
    }

    @Test func unsignedOrUnknownUpgradesAreRefused() async throws {
        let sim = try await SimFixture.start(verifyUpgrade: { $0.headers.first(name: "Authorization") == "nope" })
        let spec = sim.register("echo never")
        let run = try await sim.runClient(spec)
        #expect(run.status == 1)
        #expect(run.stderr.contains("403"), "\(run.stderr)")
        let unknown = SessionSpec(sessionId: "ecs-execute-command-unknown", token: "t", command: "true",
                                  workingDirectory: "/tmp", environment: [:], kmsKeyId: nil, target: "t",
                                  faults: ChannelFaults())
        let second = try await sim.runClient(unknown)
        #expect(second.status == 1)
        #expect(sim.hub.stats().upgradesRefused == 2)
        try await sim.stop()
    }

    @Test func clientDisconnectKillsTheProcessGroup() async throws {
        let sim = try await SimFixture.start()
        let marker = "marker-\(UUID().uuidString)"
        let spec = sim.register("echo up; sleep 300 & sleep 300; : \(marker)")
        let run = try await sim.runClient(spec, timeout: 1)
        #expect(run.summary["timed_out"] as? Bool == true, "\(run.stderr)")
        _ = try await sim.waitForStats { $0.sessionsClosed == 1 }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try Self.processes(containing: marker).isEmpty)
        try await sim.stop()
    }

    /// Pids of live processes whose command line contains `text`.
    static func processes(containing text: String) throws -> [Int] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { entry -> Int? in
            guard let pid = Int(entry),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                  String(decoding: cmdline, as: UTF8.self).contains(text),
                  let status = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  !status.contains(") Z ") else { return nil }
            return pid
        }
    }
}
