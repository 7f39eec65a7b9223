import Testing
import TestSupport

/// The moto server of the suite being run, set by ``MotoFleetTrait``.
enum MotoFleet {
    @TaskLocal static var server: MotoServer?

    /// The suite's server; fails the test when the suite lacks the `.motoFleet` trait.
    static func current() throws -> MotoServer {
        try #require(server, "the suite needs the .motoFleet trait")
    }
}

/// Starts one moto server with its fleet for a whole suite and stops it when the suite ends,
/// so the suite's tests share the few seconds the fleet takes to build.
struct MotoFleetTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        try await MotoFleet.$server.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == MotoFleetTrait {
    /// Runs the suite against one moto server with the fleet of `moto_fleet.py`, auth on.
    static var motoFleet: Self { Self() }
}
