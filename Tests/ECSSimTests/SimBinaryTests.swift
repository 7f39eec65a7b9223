import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport

/// The ecs-sim binary as tests and users run it: one line of JSON first, the fleet the flags
/// ask for, the keys given, and an exit when standard input closes.
struct SimBinaryTests {
    @Test func generatedFleetAnnouncedAndServed() async throws {
        let server = try await SimServer.start(["--clusters", "2", "--tasks", "120", "--containers", "2", "--region", "eu-west-1", "--seed", "4"])
        defer { server.stop() }
        let announced = server.announcement
        #expect((announced.clusters, announced.tasks, announced.containers, announced.region) == (2, 240, 480, "eu-west-1"))
        #expect(announced.endpoint == "http://127.0.0.1:\(server.port)")
        #expect(announced.accessKeyIds == [SimServer.demoAccessKeyID])
        #expect(announced.startupMilliseconds > 0)
        let transport = CurlClient()
        defer { transport.close() }
        let client = ECSClient(region: "eu-west-1", endpoint: server.endpoint, credentials: Credentials(
            accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: SimServer.demoSecretAccessKey), transport: transport)
        let clusters = try await client.allClusterArns()
        #expect(clusters.count == 2 && clusters.allSatisfy { $0.hasPrefix("arn:aws:ecs:eu-west-1:123456789012:cluster/") })
        #expect(try await client.allTaskArns(cluster: clusters[1]).count == 120)
    }

    @Test func regionsAndAPIFaultsComeFromFlags() async throws {
        let server = try await SimServer.start([
            "--clusters", "4", "--tasks", "3", "--regions", "eu-west-1,us-east-1", "--page-size", "1",
            "--deny", "DescribeTaskDefinition", "--deny", "DescribeServices", "--deny-cluster", "qa-04", "--vanish-rate", "1",
        ])
        defer { server.stop() }
        #expect((server.announcement.region, server.announcement.regions) == ("eu-west-1", ["eu-west-1", "us-east-1"]))
        let transport = CurlClient()
        defer { transport.close() }
        let keys = Credentials(accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: SimServer.demoSecretAccessKey)
        let ireland = ECSClient(region: "eu-west-1", endpoint: server.endpoint, credentials: keys, transport: transport)
        let virginia = ECSClient(region: "us-east-1", endpoint: server.endpoint, credentials: keys, transport: transport)
        #expect(try await ireland.allClusterArns() == ["prod-01", "dev-03"].map { "arn:aws:ecs:eu-west-1:123456789012:cluster/\($0)" })
        #expect(try await virginia.allClusterArns() == ["staging-02", "qa-04"].map { "arn:aws:ecs:us-east-1:123456789012:cluster/\($0)" })
        let page = try await ireland.listTasks(ECS.ListTasksRequest(cluster: "prod-01", maxResults: 100))
        #expect(page.items.count == 1 && page.nextToken != nil)
        let tasks = try await ireland.allTaskArns(cluster: "prod-01")
        let described = try await ireland.describeTasks(ECS.DescribeTasksRequest(cluster: "prod-01", tasks: tasks))
        #expect(described.tasks?.isEmpty == true && described.failures?.count == 3)
        let definition = try await #require(throws: AWSError.self) {
            try await ireland.describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(taskDefinition: "web"))
        }
        let services = try await #require(throws: AWSError.self) {
            try await ireland.send(action: "DescribeServices", body: Array(#"{"cluster":"prod-01","services":["web"]}"#.utf8))
        }
        let cluster = try await #require(throws: AWSError.self) { try await virginia.allTaskArns(cluster: "qa-04") }
        #expect([definition, services, cluster].allSatisfy { $0.code == "AccessDeniedException" })
    }

    @Test func demoIsTheDefaultAndKeysComeFromFlags() async throws {
        let server = try await SimServer.start(["--access-key", "AKIAFLAGKEY000000000", "--secret-key", "flag/secret"])
        defer { server.stop() }
        #expect((server.announcement.clusters, server.announcement.tasks) == (3, 14))
        #expect(server.announcement.accessKeyIds == ["AKIAFLAGKEY000000000"])
        let transport = CurlClient()
        defer { transport.close() }
        let good = ECSClient(region: "us-east-1", endpoint: server.endpoint,
                             credentials: Credentials(accessKeyID: "AKIAFLAGKEY000000000", secretAccessKey: "flag/secret"), transport: transport)
        #expect(try await good.allClusterArns().count == 3)
        let demo = ECSClient(region: "us-east-1", endpoint: server.endpoint, credentials: Credentials(
            accessKeyID: SimServer.demoAccessKeyID, secretAccessKey: SimServer.demoSecretAccessKey), transport: transport)
        let error = try await #require(throws: AWSError.self) { try await demo.allClusterArns() }
        #expect(error.code == "UnrecognizedClientException")
    }

    @Test func exitsWhenStandardInputCloses() async throws {
        let process = Process()
        process.executableURL = SimServer.binary
        process.arguments = ["--demo", "--stop-on-stdin-eof"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("{"))
        try input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 0)
    }

    /// Runs ecs-sim with `arguments` until it exits: its status and standard error.
    static func runBinary(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = SimServer.binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(arguments: [
        (["--demo", "--clusters", "2"], "Give only one of --fleet, --demo and --clusters."),
        (["--access-key", "AKIA"], "Give one --secret-key for each --access-key."),
        (["--throttle-rate", "2"], "Fault rates must be between 0 and 1."),
        (["--vanish-rate", "2"], "Fault rates must be between 0 and 1."),
        (["--page-size", "0"], "--page-size must be at least 1."),
        (["--deny", "RunTask"], "--deny names no action ecs-sim serves: RunTask;"),
        (["--regions", "eu-west-1,us-east-1"], "--regions spreads generated clusters: give it with --clusters."),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let (status, text) = try Self.runBinary(arguments)
        #expect(status == 64)
        #expect(text.contains(message), "\(text)")
    }

    @Test func badSpecFileFailsStartUp() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-fleet-\(UUID().uuidString).json")
        try Data(#"{"taskDefinitions": [], "clusters": [{"name": "a b"}]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, text) = try Self.runBinary(["--fleet", file.path])
        #expect(status == 1)
        #expect(text.contains("invalid cluster name 'a b'"), "\(text)")
    }
}
