import Foundation

/// ecs-sim, the built binary, serving on 127.0.0.1 for the length of a test.
///
/// It runs with `--stop-on-stdin-eof`, so it exits when the test process does; ``stop()``
/// ends it sooner. The binary is `$ECS_SIM`, else `ecs-sim` in the build folder of the tests.
public final class SimServer: Sendable {
    /// The first line ecs-sim prints.
    public struct Announcement: Decodable, Sendable {
        public let port: Int
        public let endpoint: String
        /// The default region; `regions` has every region with clusters, this one first.
        public let region: String
        public let regions: [String]
        public let clusters: Int
        public let services: Int
        public let tasks: Int
        public let containers: Int
        public let startupMilliseconds: Double
        public let accessKeyIds: [String]
        public let stateDir: String
    }

    /// The documented demo key pair (docs/ecs-sim.md), accepted when ecs-sim is given no keys.
    public static let demoAccessKeyID = "AKIAECSSIMDEMO000000"
    public static let demoSecretAccessKey = "ecs-sim/demo/secret/key/0000000000000000"

    public let announcement: Announcement
    private let server: ScriptServer

    private init(server: ScriptServer, announcement: Announcement) {
        self.server = server
        self.announcement = announcement
    }

    public var port: Int { announcement.port }
    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { announcement.endpoint }

    /// The ecs-sim binary: `$ECS_SIM`, else the one next to the test bundle (the same build folder).
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ECS_SIM"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("ecs-sim").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("ecs-sim")
    }

    /// Starts `ecs-sim arguments… --stop-on-stdin-eof` and returns once it has announced its
    /// port; gives up after `timeout`.
    public static func start(_ arguments: [String] = [], timeout: Duration = .seconds(60)) async throws -> SimServer {
        let server = try await ScriptServer.start(
            executable: binary, arguments: arguments + ["--stop-on-stdin-eof"], name: "ecs-sim",
            hint: "is it built (swift build --product ecs-sim) or ECS_SIM set?", timeout: timeout
        ) { line in
            (try? JSONDecoder().decode(Announcement.self, from: Data(line.utf8)))?.port
        }
        let announcement = try JSONDecoder().decode(Announcement.self, from: Data(server.firstLine.utf8))
        return SimServer(server: server, announcement: announcement)
    }

    /// Stops ecs-sim and waits until it has exited, so its port is closed.
    public func stop() { server.stop() }
}
