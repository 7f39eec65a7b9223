import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport

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
