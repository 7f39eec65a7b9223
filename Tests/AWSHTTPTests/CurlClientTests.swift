import AWSHTTP
import Foundation
import Testing

/// Round trips against the loopback echo server.
struct CurlClientTests {
    /// `{"cluster":"prod"}` and its SHA-256.
    static let jsonBody = Array(#"{"cluster":"prod"}"#.utf8)
    static let jsonBodySHA256 = "dbec8bc336631c2d084735a48c4ebe4c32a64add1185f42acec5ee1520c3c196"
    /// 10 MiB of `i % 251` (what `/big` sends) and its SHA-256.
    static let bigBody = [UInt8](unsafeUninitializedCapacity: 10 * 1_024 * 1_024) { buffer, count in
        let pattern = (0..<251).map { UInt8($0) }
        for start in stride(from: 0, to: buffer.count, by: pattern.count) {
            let end = min(start + pattern.count, buffer.count)
            _ = buffer[start..<end].initialize(from: pattern.prefix(end - start))
        }
        count = buffer.count
    }
    static let bigBodySHA256 = "44f9296993796e201208c6c245b9515d36b62c87d0be4459ff347bfa054cd527"

    @Test func getSendsExactlyTheGivenHeaders() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient()
        let headers = [
            (name: "X-Amz-Date", value: "20260101T000000Z"),
            (name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/ecs/aws4_request"),
            (name: "x-empty", value: ""),
        ]
        let response = try await client.send(HTTPRequest(url: server.url("/echo?a=1"), headers: headers))
        #expect(response.status == 200)
        let echo = try Echo(response.body)
        #expect(echo.method == "GET")
        #expect(echo.path == "/echo?a=1")
        // Host first (libcurl's own, with the port), then exactly the given headers: no
        // Accept, User-Agent, Expect, Content-Type or Content-Length.
        #expect(echo.headers == [["Host", "127.0.0.1:\(server.port)"]] + headers.map { [$0.name, $0.value] })
        #expect(echo.bodyLength == 0)
    }

    @Test func postSendsTheBodyAndOnlyContentLengthBesideTheGivenHeaders() async throws {
        let server = try await EchoServer.shared()
        let headers = [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.ListTasks"),
        ]
        let request = HTTPRequest(method: "POST", url: server.url("/echo"), headers: headers, body: Self.jsonBody)
        let echo = try Echo(try await CurlClient().send(request).body)
        #expect(echo.method == "POST")
        #expect(echo.headers(excluding: ["host", "content-length"]) == headers.map { [$0.name, $0.value] })
        #expect(echo.header("Content-Length") == "\(Self.jsonBody.count)")
        #expect(echo.headers.count == headers.count + 2)
        #expect(echo.bodyLength == Self.jsonBody.count)
        #expect(echo.bodySHA256 == Self.jsonBodySHA256)
    }

    @Test func putWithoutBodySendsContentLengthZero() async throws {
        let server = try await EchoServer.shared()
        let token = (name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")
        let response = try await CurlClient().send(HTTPRequest(method: "PUT", url: server.url("/echo"), headers: [token]))
        let echo = try Echo(response.body)
        #expect(echo.method == "PUT")
        #expect(echo.headers == [["Host", "127.0.0.1:\(server.port)"], [token.name, token.value], ["Content-Length", "0"]])
    }

    @Test func tenMebibyteUploadArrivesWithoutExpectOrContentType() async throws {
        let server = try await EchoServer.shared()
        let request = HTTPRequest(method: "POST", url: server.url("/echo"), body: Self.bigBody)
        let echo = try Echo(try await CurlClient().send(request).body)
        #expect(echo.bodyLength == Self.bigBody.count)
        #expect(echo.bodySHA256 == Self.bigBodySHA256)
        #expect(echo.headers(excluding: ["host"]) == [["Content-Length", "\(Self.bigBody.count)"]])
    }

    @Test func tenMebibyteDownloadArrivesByteExact() async throws {
        let server = try await EchoServer.shared()
        let response = try await CurlClient().send(HTTPRequest(url: server.url("/big?bytes=\(Self.bigBody.count)")))
        #expect(response.status == 200)
        #expect(response.body.count == Self.bigBody.count)
        #expect(response.body == Self.bigBody)
    }

    @Test(arguments: [200, 403, 500])
    func everyStatusIsAResponse(status: Int) async throws {
        let server = try await EchoServer.shared()
        let response = try await CurlClient().send(HTTPRequest(url: server.url("/status/\(status)")))
        #expect(response.status == status)
        #expect(response.body == Array("status\n".utf8))
        #expect(response.headers.map(\.name) == ["server", "date", "content-type", "content-length"])
        #expect(response.header("Content-Type") == "text/plain")
    }

    @Test func concurrentRequestsShareFewConnections() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient(configuration: .init(maxConnections: 4))
        let url = server.url("/conn")
        let ports = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    let response = try await client.send(HTTPRequest(url: url))
                    #expect(response.status == 200)
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(ports.count == 100)
        #expect(Set(ports).count <= 4, "connections: \(Set(ports).sorted())")
    }

    @Test func waitingForATurnDoesNotCountTowardsTheTimeout() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient(configuration: .init(maxConnections: 1, timeout: .milliseconds(700)))
        let url = server.url("/slow?ms=300")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask { try await client.send(HTTPRequest(url: url)).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == [200, 200, 200])
    }
}
