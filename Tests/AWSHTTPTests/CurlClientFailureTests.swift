import AWSHTTP
import Foundation
import Testing

/// Timeouts, refused connections, TLS failures, cancellation and closing.
struct CurlClientFailureTests {
    @Test func timeoutIsACurlErrorThatSaysSo() async throws {
        let server = try await EchoServer.shared()
        let request = HTTPRequest(url: server.url("/slow?ms=10000"), timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = try await #require(throws: CurlError.self) { try await CurlClient().send(request) }
        #expect(ContinuousClock.now - started < .seconds(6))  // the answer would take 10 s
        #expect(error.isTimeout)
        guard case .transferFailed(28, "Timeout was reached", let detail, let url) = error else {
            Issue.record("unexpected error: \(error)")
            return
        }
        #expect(detail.hasPrefix("Operation timed out after"))
        #expect(url == server.url("/slow"))
    }

    @Test func closedPortIsCouldntConnect() async throws {
        let server = try await EchoServer.start()
        server.stop()
        let request = HTTPRequest(url: server.url("/echo?X-Amz-Signature=secret"), headers: [(name: "Authorization", value: "secret")])
        let error = try await #require(throws: CurlError.self) { try await CurlClient().send(request) }
        guard case .transferFailed(7, "Couldn't connect to server", _, let url) = error else {
            Issue.record("unexpected error: \(error)")
            return
        }
        #expect(url == server.url("/echo"))
        #expect(!"\(error)".contains("secret"))
    }

    @Test func httpsToAPlainHTTPPortFailsInTheHandshake() async throws {
        let server = try await EchoServer.shared()
        let error = try await #require(throws: CurlError.self) {
            try await CurlClient().send(HTTPRequest(url: server.url("/echo", scheme: "https")))
        }
        #expect(error.code == 35, "\(error)")  // CURLE_SSL_CONNECT_ERROR
    }

    @Test func selfSignedCertificateIsRefusedUnlessItIsTheCABundle() async throws {
        let certificate = try TestCertificate.make()
        let server = try await EchoServer.start(tls: certificate)
        defer { server.stop() }
        let request = HTTPRequest(url: server.url("/echo", scheme: "https"))
        let error = try await #require(throws: CurlError.self) { try await CurlClient().send(request) }
        #expect(error.code == 60, "\(error)")  // CURLE_PEER_FAILED_VERIFICATION
        let trusting = CurlClient(configuration: .init(caBundle: certificate.certificatePath))
        #expect(try await trusting.send(request).status == 200)
    }

    @Test func missingCABundleIsAnError() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient(configuration: .init(caBundle: "/nonexistent/ca.pem"))
        let error = try await #require(throws: CurlError.self) {
            try await client.send(HTTPRequest(url: server.url("/echo", scheme: "https")))
        }
        #expect(error.code == 77, "\(error)")  // CURLE_SSL_CACERT_BADFILE
    }

    @Test func cancellationAbandonsTheTransferPromptly() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient()
        let url = server.url("/slow?ms=5000")
        let task = Task { try await client.send(HTTPRequest(url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - cancelled < .seconds(3))  // well before the 5 s answer, with room for a loaded machine
        // The client carries on.
        #expect(try await client.send(HTTPRequest(url: server.url("/status/204"))).status == 204)
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient()
        let url = server.url("/slow?ms=5000")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPRequest(url: url))
        }
        let started = ContinuousClock.now
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(3))  // well before the 5 s answer, with room for a loaded machine
    }

    @Test func closeFailsRunningWaitingAndLaterRequests() async throws {
        let server = try await EchoServer.shared()
        let client = CurlClient(configuration: .init(maxConnections: 1))
        let url = server.url("/slow?ms=5000")
        let tasks = (0..<3).map { _ in Task { try await client.send(HTTPRequest(url: url)) } }
        try await Task.sleep(for: .milliseconds(200))
        client.close()
        for task in tasks {  // one running, two waiting for their turn
            let error = try await #require(throws: CurlError.self) { try await task.value }
            #expect("\(error)" == "the HTTP client was closed: \(server.url("/slow"))")
        }
        await #expect(throws: CurlError.self) { try await client.send(HTTPRequest(url: server.url("/echo"))) }
    }

    @Test(arguments: ["X-Bad\r\nInjected: 1", "Bad Name", "", "Colon:"])
    func headerNamesMustBeTokens(name: String) async throws {
        let request = HTTPRequest(url: "http://127.0.0.1:9/", headers: [(name: name, value: "v")])
        let error = try await #require(throws: CurlError.self) { try await CurlClient().send(request) }
        guard case .invalidRequest = error else { Issue.record("unexpected error: \(error)"); return }
    }

    @Test func headerValuesMayNotBreakLinesAndAreNotQuoted() async throws {
        let request = HTTPRequest(url: "http://127.0.0.1:9/", headers: [(name: "X-Amz-Security-Token", value: "secret\r\nX: 1")])
        let error = try await #require(throws: CurlError.self) { try await CurlClient().send(request) }
        #expect("\(error)" == "invalid request: the value of X-Amz-Security-Token contains a line break or NUL: http://127.0.0.1:9/")
    }
}
