import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport
@testable import AWSCore

/// ECSClient against a fake ECS endpoint (Fixtures/ecs_server.py) for what moto cannot do:
/// several pages, throttling, server errors, large DescribeTasks calls (aws-core.md §3.4, §4.5).
struct ECSClientRetryTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ecs_server.py").path
    static let credentials = Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let throttled = #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#

    /// A started fake server, a client for it whose retries wait for nothing, and the waits asked for.
    static func setUp(_ arguments: [String] = [], maxAttempts: Int = 3) async throws -> (ScriptServer, ECSClient, SleepRecorder) {
        let server = try await ScriptServer.start(script: script, arguments: arguments)
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: maxAttempts, generator: SeededGenerator(seed: 7), sleep: sleeps.sleep)
        let client = ECSClient(region: "us-east-1", endpoint: server.url("/"), credentials: credentials, transport: CurlClient(), retryPolicy: policy)
        return (server, client, sleeps)
    }

    /// The requests the fake server saw: target, parsed body and headers.
    static func log(_ server: ScriptServer) async throws -> [[String: Any]] {
        let response = try await CurlClient().send(HTTPRequest(url: server.url("/_log")))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as! [[String: Any]]
    }

    @Test func followsEveryNextToken() async throws {
        let (server, ecs, _) = try await Self.setUp()
        defer { server.stop() }
        let arns = try await ecs.allClusterArns()
        #expect(arns == (1...5).map { "arn:aws:ecs:us-east-1:123456789012:cluster/c\($0)" })
        let log = try await Self.log(server)
        #expect(log.count == 3)
        #expect(log.map { ($0["body"] as? [String: Any])?["nextToken"] as? String } == [nil, "page-2", "page-3"])
        #expect(log.allSatisfy { ($0["body"] as? [String: Any])?["maxResults"] as? Int == 100 })

        // Every request is a signed JSON 1.1 POST.
        for request in log {
            let headers = try #require(request["headers"] as? [String: String])
            #expect(request["target"] as? String == "AmazonEC2ContainerServiceV20141113.ListClusters")
            #expect(headers["Content-Type"] == "application/x-amz-json-1.1")
            #expect(headers["X-Amz-Date"]?.count == 16)
            let authorization = try #require(headers["Authorization"])
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
            #expect(authorization.contains("/us-east-1/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="))
        }
    }

    @Test func listTasksSendsItsFiltersOnEveryPage() async throws {
        let (server, ecs, _) = try await Self.setUp()
        defer { server.stop() }
        let arns = try await ecs.allTaskArns(cluster: "prod", serviceName: "web", family: "web", desiredStatus: .running, launchType: .fargate)
        #expect(arns.count == 5)
        let bodies = try await Self.log(server).map { $0["body"] as? [String: Any] ?? [:] }
        #expect(bodies.count == 3)
        for body in bodies {
            #expect(body["cluster"] as? String == "prod")
            #expect(body["serviceName"] as? String == "web")
            #expect(body["family"] as? String == "web")
            #expect(body["desiredStatus"] as? String == "RUNNING")
            #expect(body["launchType"] as? String == "FARGATE")
            #expect(body["startedBy"] == nil && body["containerInstance"] == nil)
        }
        #expect(try await ecs.allServiceArns(cluster: "prod").count == 5)
    }

    @Test func aListThatRepeatsItsTokenStops() async throws {
        let (server, ecs, _) = try await Self.setUp(["--repeat-token"])
        defer { server.stop() }
        await #expect(throws: ECSClientError.repeatedNextToken(action: "ListClusters")) {
            _ = try await ecs.allClusterArns()
        }
        #expect(try await Self.log(server).count == 2)
    }

    @Test func throttlingIsRetried() async throws {
        let (server, ecs, sleeps) = try await Self.setUp(["--fail-first", "2", "--fail-body", Self.throttled])
        defer { server.stop() }
        let page = try await ecs.listClusters()
        #expect(page.clusterArns?.count == 2)
        #expect(try await Self.log(server).count == 3)
        #expect(sleeps.recorded.count == 2)
        #expect(sleeps.recorded[0] < .milliseconds(50) && sleeps.recorded[1] < .milliseconds(100))
    }

    @Test func throttlingThatPersistsIsReportedAfterTheLastAttempt() async throws {
        let (server, ecs, sleeps) = try await Self.setUp(["--fail-first", "100", "--fail-body", Self.throttled], maxAttempts: 4)
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) { _ = try await ecs.listClusters() }
        #expect(error?.code == "ThrottlingException")
        #expect(error?.message == "Rate exceeded")
        #expect(error?.attempts == 4)
        #expect(error?.requestID == "req-4")
        #expect(error?.description.contains("after 4 attempts") == true)
        #expect(error?.hint?.contains("AWS_MAX_ATTEMPTS") == true)
        #expect(try await Self.log(server).count == 4)
        #expect(sleeps.recorded.count == 3)
    }

    @Test func aServerErrorIsRetried() async throws {
        let (server, ecs, sleeps) = try await Self.setUp([
            "--fail-first", "1", "--fail-status", "500", "--fail-type", "text/html", "--fail-body", "<html><body>Internal Server Error</body></html>",
        ])
        defer { server.stop() }
        #expect(try await ecs.listClusters().clusterArns?.count == 2)
        #expect(try await Self.log(server).count == 2)
        #expect(sleeps.recorded.count == 1)
    }

    @Test func aClientErrorIsReturnedAtOnce() async throws {
        let body = #"{"__type":"com.amazonaws.ecs#ClientException","message":"The specified task definition does not exist."}"#
        let (server, ecs, sleeps) = try await Self.setUp(["--fail-first", "100", "--fail-body", body])
        defer { server.stop() }
        let error = await #expect(throws: AWSError.self) { _ = try await ecs.listTasks(ECS.ListTasksRequest(cluster: "prod")) }
        #expect(error == AWSError(action: "ListTasks", code: "ClientException", message: "The specified task definition does not exist.",
                                  status: 400, requestID: "req-1", region: "us-east-1", cluster: "prod", attempts: 1))
        #expect(try await Self.log(server).count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test func describesManyTasksInCallsOfAHundred() async throws {
        let (server, ecs, _) = try await Self.setUp()
        defer { server.stop() }
        let arns = (1...250).map { "arn:aws:ecs:us-east-1:123456789012:task/prod/\($0 % 50 == 0 ? "missing-" : "")\($0)" }
        let answer = try await ecs.describeAllTasks(cluster: "prod", tasks: arns)
        #expect(answer.tasks?.map(\.taskArn) == arns.filter { !$0.contains("missing") })
        #expect(answer.tasks?.allSatisfy { $0.lastStatus == "RUNNING" } == true)
        #expect(answer.failures?.map(\.arn) == arns.filter { $0.contains("missing") })
        let bodies = try await Self.log(server).map { $0["body"] as? [String: Any] ?? [:] }
        #expect(bodies.map { ($0["tasks"] as? [String])?.count ?? 0 }.sorted() == [50, 100, 100])
        #expect(bodies.allSatisfy { $0["include"] as? [String] == ["TAGS"] && $0["cluster"] as? String == "prod" })
        #expect(try await ecs.describeAllTasks(cluster: "prod", tasks: []) == ECS.DescribeTasksResponse(tasks: [], failures: []))
    }

    @Test func aBodyThatIsNotJSONIsReported() async throws {
        let (server, ecs, _) = try await Self.setUp(["--malformed"])
        defer { server.stop() }
        await #expect(throws: ECSClientError.malformedResponse(action: "ListClusters", status: 200, reason: "the body is not valid JSON")) {
            _ = try await ecs.listClusters()
        }
        #expect(try await Self.log(server).count == 1)
    }

    @Test func aTransportFailureIsRetriedThenThrown() async throws {
        let server = try await ScriptServer.start(script: Self.script)
        let url = server.url("/")
        server.stop()  // nothing listens on the port any more
        let sleeps = SleepRecorder()
        let transport = CountingTransport(CurlClient())
        let ecs = ECSClient(region: "us-east-1", endpoint: url, credentials: Self.credentials, transport: transport,
                            retryPolicy: RetryPolicy(sleep: sleeps.sleep))
        let error = await #expect(throws: CurlError.self) { _ = try await ecs.listClusters() }
        #expect(error?.code == 7)  // CURLE_COULDNT_CONNECT
        #expect(transport.count == 3)
        #expect(sleeps.recorded.count == 2)
    }
}
