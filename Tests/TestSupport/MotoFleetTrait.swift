import Testing

/// The moto server of the suite being run, set by ``MotoFleetTrait``.
public enum MotoFleet {
    @TaskLocal public static var server: MotoServer?

    /// The suite's server; fails the test when the suite lacks the `.motoFleet` trait.
    public static func current() throws -> MotoServer {
        try #require(server, "the suite needs the .motoFleet trait")
    }
}

/// Starts one moto server with its fleet for a whole suite and stops it when the suite ends,
/// so the suite's tests share the few seconds the fleet takes to build.
public struct MotoFleetTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(
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
    public static var motoFleet: Self { Self() }
}
