import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport

// The same trait as AWSCoreTests' MotoFleetTrait (a test target cannot import another's).

/// The moto server of the suite being run, set by ``MotoFleetTrait``.
enum MotoFleet {
    @TaskLocal static var server: MotoServer?

    /// The suite's server; fails the test when the suite lacks the `.motoFleet` trait.
    static func current() throws -> MotoServer {
        try #require(server, "the suite needs the .motoFleet trait")
    }
}

/// Starts one moto server with its fleet for a whole suite and stops it when the suite ends.
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

/// Keys given once.
struct StaticCredentials: CredentialProvider {
    let keys: Credentials
    var name: String { "test keys" }
    func credentials() async throws -> Credentials? { keys }
}

extension MotoServer {
    /// Credentials of the fixture's IAM user, or with `secret` instead of its own.
    func credentials(secret: String? = nil) -> StaticCredentials {
        StaticCredentials(keys: Credentials(accessKeyID: fleet.accessKeyId, secretAccessKey: secret ?? fleet.secretAccessKey))
    }

    /// boto3's `describe_tasks` answer for every cluster, as raw JSON objects, with the
    /// cluster name.
    func boto3Tasks() throws -> [(cluster: String, task: [String: Any])] {
        try fleet.clusters.keys.sorted().flatMap { cluster in
            let tasks = try #require(fixture("clusters", cluster, "describeTasks", "tasks") as? [[String: Any]])
            return tasks.map { (cluster, $0) }
        }
    }
}
