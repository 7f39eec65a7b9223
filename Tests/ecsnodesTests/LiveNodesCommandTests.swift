import Foundation
import NodeModel
import Testing
import TestSupport

/// `ecsnodes nodes` on a live inventory: moto with SigV4 verification on, run as a process.
@Suite(.motoFleet)
struct LiveNodesCommandTests {
    static func environment(_ moto: MotoServer, secret: String? = nil, cache: String) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": moto.fleet.accessKeyId, "AWS_SECRET_ACCESS_KEY": secret ?? moto.fleet.secretAccessKey,
         "XDG_CACHE_HOME": cache, "AWS_MAX_ATTEMPTS": "1"]
    }

    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-live-\(UUID().uuidString)").path
    }

    /// The node names boto3's own `describe_tasks` answer implies: container name, '-', UUID.
    static func boto3NodeNames(_ moto: MotoServer) throws -> [String] {
        try moto.fleet.clusters.keys.flatMap { cluster in
            let tasks = try #require(moto.fixture("clusters", cluster, "describeTasks", "tasks") as? [[String: Any]])
            return tasks.flatMap { task in
                (task["containers"] as? [[String: Any]] ?? []).map { container in
                    "\(container["name"] as! String)-\((container["containerArn"] as! String).split(separator: "/").last!)"
                }
            }
        }.sorted()
    }

    @Test func resourceJSONOfTheWholeFleetAndAFilter() throws {
        let moto = try MotoFleet.current()
        let cache = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let run = try CLI.run(["nodes", "--endpoint-url", moto.endpoint, "--region", moto.fleet.region, "-o", "json"],
                              environment: Self.environment(moto, cache: cache))
        #expect(run.status == 0, "\(run.stderr)")
        let nodes = try ResourceJSON.decode(Array(run.stdout.utf8))
        let expectedNames = try Self.boto3NodeNames(moto)
        #expect(nodes.map(\.name).sorted() == expectedNames)
        for node in nodes {
            for attribute in ["ECS:Cluster-ARN", "ECS:Container-ARN", "ECS:Container-Image", "ECS:Container-Name", "ECS:Region",
                              "ECS:Task-Launch-Type", "ECS:Task-ARN", "ECS:Task-Definition-ARN", "hostname", "osFamily"] {
                #expect(node.attributes[attribute] != nil, "\(node.name) lacks \(attribute)")
            }
        }
        let image = try #require(nodes.first?.attributes["ECS:Container-Image"])
        let filtered = try CLI.run(["nodes", "--endpoint-url", moto.endpoint, "--region", moto.fleet.region,
                                    "-F", "ECS:Container-Image: \(image)", "-o", "names"], environment: Self.environment(moto, cache: cache))
        let expected = nodes.filter { $0.attributes["ECS:Container-Image"] == image }.map(\.name).sorted()
        #expect(filtered.stdout == expected.map { $0 + "\n" }.joined())
    }

    @Test func aWrongSecretSaysSoExitsFourAndCachesNothing() throws {
        let moto = try MotoFleet.current()
        let cache = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let secret = "wrong-secret-value-0123456789"
        let run = try CLI.run(["nodes", "--endpoint-url", moto.endpoint, "--region", moto.fleet.region],
                              environment: Self.environment(moto, secret: secret, cache: cache))
        #expect(run.status == 4)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("SignatureDoesNotMatch"))
        #expect(run.stderr.contains("secret access key"))
        #expect(!run.stderr.contains(secret))
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/ecsnodes")) ?? []
        #expect(cached.isEmpty)
    }

    @Test func aMissingClusterIsReportedWhileTheOthersAreListed() throws {
        let moto = try MotoFleet.current()
        let cache = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let cluster = try #require(moto.fleet.clusters.keys.sorted().first)
        let tasks = try #require(moto.fixture("clusters", cluster, "describeTasks", "tasks") as? [[String: Any]])
        let expected = tasks.flatMap { task in
            (task["containers"] as? [[String: Any]] ?? []).map { "\($0["name"] as! String)-\(($0["containerArn"] as! String).split(separator: "/").last!)" }
        }.sorted()
        let run = try CLI.run(["nodes", "--endpoint-url", moto.endpoint, "--region", moto.fleet.region,
                               "--cluster", cluster, "--cluster", "no-such-cluster", "-o", "names"],
                              environment: Self.environment(moto, cache: cache))
        #expect(run.status == 7, "\(run.stderr)")
        #expect(run.stdout == expected.map { $0 + "\n" }.joined())
        #expect(run.stderr.contains("cluster no-such-cluster in \(moto.fleet.region)"))
        #expect(run.stderr.contains("ClusterNotFoundException"))
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/ecsnodes")) ?? []
        #expect(cached.isEmpty, "an incomplete poll is not cached")
    }

    @Test func aSecondRunWithinTheMaximumAgeMakesNoRequest() throws {
        let moto = try MotoFleet.current()
        let cache = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        var environment = Self.environment(moto, cache: cache)
        environment["AWS_ENDPOINT_URL"] = moto.endpoint
        let first = try CLI.run(["nodes", "--region", moto.fleet.region, "-o", "names"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        // The same source, but ECS now unreachable: only the cache can answer.
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"
        let second = try CLI.run(["nodes", "--region", moto.fleet.region, "-o", "names"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == first.stdout)
        let refreshed = try CLI.run(["nodes", "--region", moto.fleet.region, "-o", "names", "--refresh"], environment: environment)
        #expect(refreshed.status == 6)
        #expect(refreshed.stderr.contains("127.0.0.1:9"))
    }

    @Test func noCredentialsOrNoRegionAreExitFive() throws {
        let cache = Self.temporaryFolder()
        let noKeys = try CLI.run(["nodes", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9"], environment: ["XDG_CACHE_HOME": cache])
        #expect(noKeys.status == 5)
        #expect(noKeys.stderr.contains("no AWS credentials"))
        let noRegion = try CLI.run(["nodes"], environment: ["XDG_CACHE_HOME": cache, "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "x"])
        #expect(noRegion.status == 5)
        #expect(noRegion.stderr.contains("no AWS region"))
    }
}
