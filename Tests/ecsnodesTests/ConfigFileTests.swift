import Foundation
import Testing
import TestSupport

/// The configuration file: defaults and named sources for the live inventory, flags winning,
/// typos reported with the file's name. Against ecs-sim.
struct ConfigFileTests {
    static func names(_ run: CLI.Result) -> [String] {
        run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func defaultsAndNamedSourcesFillWhatFlagsLeaveOut() async throws {
        let sim = try await SimServer.start(["--clusters", "2", "--tasks", "3", "--containers", "1"])
        defer { sim.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clusters = try CLI.run(["nodes", "--endpoint-url", sim.endpoint, "--max-age", "0", "-o", "json"],
                                   environment: ExecCommandTests.environment(sim))
        let all = try #require(try JSONSerialization.jsonObject(with: Data(clusters.stdout.utf8)) as? [String: [String: String]])
        let byCluster = Dictionary(grouping: all.keys.sorted()) { all[$0]!["ECS:Cluster-Name"]! }
        let (first, second) = (byCluster.keys.sorted()[0], byCluster.keys.sorted()[1])

        let config = folder.appendingPathComponent("config.yaml")
        try """
            endpoint-url: \(sim.endpoint)
            region: \(sim.announcement.region)
            max-age: 0
            sources:
              first:
                cluster: \(first)
              both:
                cluster: [\(first), \(second)]
            """.write(to: config, atomically: true, encoding: .utf8)
        var environment = ExecCommandTests.environment(sim)
        environment["ECSNODES_CONFIG"] = config.path

        // The defaults alone: the endpoint and region come from the file.
        let defaults = try CLI.run(["nodes", "-o", "names"], environment: environment)
        #expect(defaults.status == 0, "\(defaults.stderr)")
        #expect(Self.names(defaults) == all.keys.sorted())
        // A named source.
        let named = try CLI.run(["nodes", "--source", "first", "-o", "names"], environment: environment)
        #expect(Self.names(named) == byCluster[first]!.sorted())
        // A flag wins over the source's setting.
        let overridden = try CLI.run(["nodes", "--source", "first", "--cluster", second, "-o", "names"], environment: environment)
        #expect(Self.names(overridden) == byCluster[second]!.sorted())
        // An unknown source and a misspelt key say where and what.
        let unknown = try CLI.run(["nodes", "--source", "nope"], environment: environment)
        #expect(unknown.status == 64 && unknown.stderr.contains("no source 'nope' in \(config.path); it has both, first"))
        try "regoin: eu-west-1\n".write(to: config, atomically: true, encoding: .utf8)
        let typo = try CLI.run(["nodes"], environment: environment)
        #expect(typo.status == 64 && typo.stderr.contains("\(config.path): 'regoin' is not a setting"))
    }

    @Test func devNullIsNoConfiguration() throws {
        let run = try CLI.run(["nodes", "--from", "examples/fleet.json", "-o", "names"], environment: ["ECSNODES_CONFIG": "/dev/null"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.isEmpty)
    }
}
