import Foundation
import NodeModel
import Testing
import TestSupport

/// `ecsnodes exec` against ecs-sim (real ExecuteCommand, WebSocket and PTY), run as a process.
@Suite(.serialized)
struct ExecCommandTests {
    static func environment(_ sim: SimServer, key: String = SimServer.demoAccessKeyID, secret: String = SimServer.demoSecretAccessKey,
                            token: String? = nil) -> [String: String] {
        var environment = ["AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": sim.announcement.region,
                           "XDG_CACHE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-exec-\(UUID().uuidString)").path]
        if let token { environment["AWS_SESSION_TOKEN"] = token }
        return environment
    }

    /// `ecsnodes exec --endpoint-url SIM --max-age 0 ARGUMENTS`.
    static func exec(_ sim: SimServer, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> CLI.Result {
        try CLI.run(["exec", "--endpoint-url", sim.endpoint, "--max-age", "0"] + arguments, stdin: stdin,
                    environment: environment ?? Self.environment(sim))
    }

    static func nodeNames(_ sim: SimServer, filter: String = ".*") throws -> [String] {
        let run = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", filter, "-o", "names"], environment: environment(sim))
        return run.stdout.split(separator: "\n").map(String.init)
    }

    static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func oneNodeGroupedOutputIsByteExact() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "1"])
        defer { sim.stop() }
        let name = try #require(try Self.nodeNames(sim).first)
        let run = try Self.exec(sim, ["--node", name, "--group", "--", #"printf 'a\tb\n\nc'; printf ' \\\\ \"q\" $HOME' >/dev/null"#])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "==> \(name) <==\na\tb\n\nc\n")
        #expect(run.stderr.contains("1 node: 1 ok, 0 failed, 0 lost, 0 error, 0 skipped"))
    }

    @Test func tenNodesExitStatusesInJSONLinesAndTheSummary() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "10"])
        defer { sim.stop() }
        let names = try Self.nodeNames(sim)
        #expect(names.count == 10)
        let codes: [Int32] = [0, 1, 3, 127, 137, 0, 0, 0, 0, 0]
        let cases = names.enumerated().map { index, name in
            let command = switch codes[index] {
            case 127: "no-such-command-xyz"
            case 137: "kill -9 $$"
            default: "exit \(codes[index])"
            }
            return "'\(name)') echo line-\(index); \(command);;"
        }.joined(separator: " ")
        let run = try Self.exec(sim, ["-F", ".*", "--keep-going", "-o", "jsonl", "--", "case ${node.name} in \(cases) esac"])
        #expect(run.status == 1, "\(run.stderr)")
        let objects = Self.jsonLines(run.stdout)
        for (index, name) in names.enumerated() {
            let result = try #require(objects.first { $0["node"] as? String == name && $0["status"] != nil })
            #expect(result["exit"] as? Int == Int(codes[index]), "\(result)")
            #expect(result["status"] as? String == (codes[index] == 0 ? "ok" : "failed"))
            #expect(objects.contains { $0["node"] as? String == name && $0["line"] as? String == "line-\(index)" && $0["stream"] as? String == "stdout" })
        }
        #expect(run.stderr.contains("10 nodes: 6 ok, 4 failed, 0 lost, 0 error, 0 skipped"), "\(run.stderr)")
        #expect(run.stderr.contains("exit 137 (killed by SIGKILL)"))
    }

    @Test func twoHundredNodesWithPrefixedLines() async throws {
        let sim = try await SimServer.start(["--clusters", "2", "--tasks", "100"])
        defer { sim.stop() }
        let run = try Self.exec(sim, ["-F", ".*", "--parallel", "50", "--", "echo ${node.ECS:Task-ID}; echo second"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 400)
        #expect(lines.allSatisfy { $0.contains("| ") })
        #expect(run.stderr.contains("200 nodes: 200 ok, 0 failed, 0 lost, 0 error, 0 skipped"))
        #expect(run.stderr.contains("slowest: "))
    }

    @Test func aDisconnectLosesOnlyThatNodeAndExitsEight() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "4", "--disconnect-after-bytes", "3000"])
        defer { sim.stop() }
        let names = try Self.nodeNames(sim)
        let run = try Self.exec(sim, ["-F", ".*", "--keep-going", "-o", "jsonl", "--",
                                      "if [ ${node.name} = '\(names[0])' ]; then seq 1 100000; else echo small; fi"])
        #expect(run.status == 8, "\(run.stderr)")
        let results = Self.jsonLines(run.stdout).filter { $0["status"] != nil }
        #expect(results.count == 4)
        for result in results {
            #expect(result["status"] as? String == (result["node"] as? String == names[0] ? "lost" : "ok"), "\(result)")
        }
        #expect(run.stderr.contains("3 ok, 0 failed, 1 lost"))
    }

    @Test func throttledExecuteCommandIsRetried() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "10", "--throttle-rate", "0.3", "--seed", "5"])
        defer { sim.stop() }
        let run = try Self.exec(sim, ["-F", ".*", "--", "true"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("10 nodes: 10 ok"))
    }

    @Test func debugNeverShowsTheSecretKeySessionTokenOrDataChannelToken() async throws {
        let secret = "SecretKeyThatMustNeverBePrinted0123456789"
        let token = "SessionTokenThatMustNeverBePrinted" + String(repeating: "Zq9", count: 30)
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "2", "--access-key", "AKIAEXECTEST00000000",
                                             "--secret-key", secret, "--session-token", token])
        defer { sim.stop() }
        let environment = Self.environment(sim, key: "AKIAEXECTEST00000000", secret: secret, token: token)
        let run = try Self.exec(sim, ["-F", ".*", "--debug", "--", "echo ok"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("→ acknowledge seq 0"))
        #expect(run.stderr.contains("→ input_stream_data seq 0 type 3"))
        for text in [run.stdout, run.stderr] {
            #expect(!text.contains(secret))
            #expect(!text.contains(token))
            #expect(!text.contains("SessionTokenThatMustNeverBePrinted"))
            // The data-channel token is 256 random base64 characters: no such run may appear.
            #expect(text.firstMatch(of: /[A-Za-z0-9+\/=]{64,}/) == nil, "\(text)")
        }
    }

    @Test func preflightSkipsWithTheFixAndNoPreflightTriesAnyway() async throws {
        let sim = try await SimServer.start()   // the demo fleet: one task without ECS Exec, stopped agents
        defer { sim.stop() }
        let run = try Self.exec(sim, ["-F", "ECS:Task-Definition-Family: nightly-report", "--", "true"])
        #expect(run.status == 9, "\(run.stderr)")
        #expect(run.stderr.contains("execute command is not enabled on task"))
        #expect(run.stderr.contains("--enable-execute-command"))
        let forced = try Self.exec(sim, ["-F", "ECS:Task-Definition-Family: nightly-report", "--no-preflight", "--", "true"])
        #expect(forced.status == 8, "\(forced.stderr)")
        #expect(forced.stderr.contains("InvalidParameterException"))
    }

    @Test func aMissingAttributeStopsBeforeAnythingRuns() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "3"])
        defer { sim.stop() }
        let run = try Self.exec(sim, ["-F", ".*", "--", "echo ${node.ECS:No-Such-Thing}"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("${node.ECS:No-Such-Thing}"))
        #expect(run.stderr.contains("nothing was run"))
        #expect(run.stdout.isEmpty)
    }

    @Test func nodesChainIntoExecThroughNodesFrom() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "5"])
        defer { sim.stop() }
        let listing = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", ".*", "-o", "json"], environment: Self.environment(sim))
        let nodes = try ResourceJSON.decode(Array(listing.stdout.utf8))
        let chosen = nodes.sorted { $0.name < $1.name }.prefix(2).map(\.name)
        let arguments: [String] = ["--nodes-from", "-"] + chosen.flatMap { ["--node", $0] } + ["-o", "jsonl", "--", "echo ${node.name}"]
        let run = try Self.exec(sim, arguments, stdin: listing.stdout)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.jsonLines(run.stdout).filter { $0["line"] != nil }
        #expect(Set(lines.map { $0["line"] as? String ?? "" }) == Set(chosen))
    }

    @Test func ctrlCClosesEverySessionPrintsTheSummaryAndExits130() async throws {
        let sim = try await SimServer.start(["--clusters", "1", "--tasks", "3"])
        defer { sim.stop() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["exec", "--endpoint-url", sim.endpoint, "--max-age", "0", "-F", ".*", "--", "echo started; sleep 30"]
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        variables.merge(Self.environment(sim)) { $1 }
        variables["AWS_CONFIG_FILE"] = "/nonexistent/config"
        variables["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials"
        process.environment = variables
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Wait until every session has printed its first line.
        var seen = Data()
        let deadline = ContinuousClock.now + .seconds(20)
        while String(decoding: seen, as: UTF8.self).components(separatedBy: "started").count < 4, ContinuousClock.now < deadline {
            seen.append(out.fileHandleForReading.availableData)
        }
        process.interrupt()
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        _ = rest
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("3 nodes: 0 ok, 0 failed, 3 lost"), "\(stderr)")
        // The simulator saw every session closed.
        let transport = URLSessionless.get(sim.endpoint + "/_sim/stats")
        let channel = (try JSONSerialization.jsonObject(with: transport) as? [String: Any])?["channel"] as? [String: Any] ?? [:]
        #expect(channel["sessionsActive"] as? Int == 0, "\(channel)")
    }
}

/// A blocking GET with curl, for the simulator's stats.
enum URLSessionless {
    static func get(_ url: String) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", url]
        let out = Pipe()
        process.standardOutput = out
        try? process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
