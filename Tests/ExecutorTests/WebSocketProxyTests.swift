import AWSHTTP
import Executor
import Foundation
import Testing
import TestSupport

/// The WebSocket transport through an HTTP proxy (a loopback CONNECT proxy in Python), as
/// corporate networks need, with the proxies taken from the environment as curl takes them.
@Suite(.serialized)
struct WebSocketProxyTests {
    static let proxyScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/connect_proxy.py").path

    /// The CONNECT requests the proxy saw: (target, status, Proxy-Authorization).
    static func log(_ proxy: ScriptServer) async throws -> [(target: String, status: Int, auth: String?)] {
        let client = CurlClient()
        defer { client.close() }
        let response = try await client.send(HTTPRequest(url: proxy.url("/_log")))
        let entries = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return entries.map { ($0["target"] as? String ?? "", $0["status"] as? Int ?? 0, $0["auth"] as? String) }
    }

    static func echo(_ message: String, through connection: any WebSocketConnection) async throws -> WebSocketMessage? {
        var messages = connection.inbound.makeAsyncIterator()
        try await connection.send(.text(message))
        return try await messages.next()
    }

    @Test func plainAndTLSConnectionsAreTunnelled() async throws {
        let proxy = try await ScriptServer.start(script: Self.proxyScript)
        defer { proxy.stop() }
        let plain = try await ScriptServer.start(script: WebSocketTransportTests.script)
        defer { plain.stop() }
        let certificate = try SelfSignedCertificate.make()
        let tls = try await ScriptServer.start(script: WebSocketTransportTests.script, arguments: [certificate.certificatePath, certificate.keyPath])
        defer { tls.stop() }
        let proxies = ProxyConfiguration(environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)",
                                                       "HTTPS_PROXY": "127.0.0.1:\(proxy.port)"])
        let report = try await WebSocketTransportTests().withEcho(plain, proxies: proxies) { connection, report in
            let echoed = try await Self.echo("through the tunnel", through: connection)
            #expect(echoed == .text("through the tunnel"))
            return report["path"] as? String
        }
        #expect(report == "/v1/data-channel/abc?role=publish_subscribe")
        try await WebSocketTransportTests().withEcho(tls, scheme: "wss", host: "localhost", caBundle: certificate.certificatePath,
                                                     proxies: proxies) { connection, _ in
            let echoed = try await Self.echo("TLS inside", through: connection)
            #expect(echoed == .text("TLS inside"))
        }
        let seen = try await Self.log(proxy)
        #expect(seen.map(\.target) == ["127.0.0.1:\(plain.port)", "localhost:\(tls.port)"])
        #expect(seen.allSatisfy { $0.status == 200 && $0.auth == nil })
    }

    @Test func noProxyHostsAreReachedDirectly() async throws {
        let proxy = try await ScriptServer.start(script: Self.proxyScript)
        defer { proxy.stop() }
        let server = try await ScriptServer.start(script: WebSocketTransportTests.script)
        defer { server.stop() }
        for exception in ["127.0.0.1", "*", "other.example, 127.0.0.1:9"] {
            let proxies = ProxyConfiguration(environment: ["all_proxy": "http://127.0.0.1:\(proxy.port)", "NO_PROXY": exception])
            try await WebSocketTransportTests().withEcho(server, proxies: proxies) { connection, _ in
                let echoed = try await Self.echo("direct", through: connection)
            #expect(echoed == .text("direct"))
            }
        }
        #expect(try await Self.log(proxy).isEmpty)
    }

    @Test func proxyCredentialsAreSentAndARefusalSaysWhy() async throws {
        let proxy = try await ScriptServer.start(script: Self.proxyScript, arguments: ["--auth", "ops:s3cret pass"])
        defer { proxy.stop() }
        let server = try await ScriptServer.start(script: WebSocketTransportTests.script)
        defer { server.stop() }
        let url = "ws://127.0.0.1:\(server.port)/v1/data-channel/abc"
        let anonymous = NIOWebSocketTransport(connectTimeout: .seconds(10),
                                              proxies: ProxyConfiguration(environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"]))
        await #expect {
            try await anonymous.withConnection(WebSocketRequest(url: url)) { _ in () }
        } throws: { error in
            "\(error)" == "the proxy 127.0.0.1:\(proxy.port) did not open a tunnel: CONNECT 127.0.0.1:\(server.port) was answered "
                + "HTTP/1.1 407 Proxy Authentication Required (the proxy wants credentials: user:password@ in the proxy URL)"
        }
        let proxies = ProxyConfiguration(environment: ["http_proxy": "http://ops:s3cret%20pass@127.0.0.1:\(proxy.port)"])
        try await WebSocketTransportTests().withEcho(server, proxies: proxies) { connection, _ in
            let echoed = try await Self.echo("authorised", through: connection)
            #expect(echoed == .text("authorised"))
        }
        #expect(try await Self.log(proxy).map(\.status) == [407, 200])
        #expect(try await Self.log(proxy).last?.auth == "Basic " + Data("ops:s3cret pass".utf8).base64EncodedString())
    }

    @Test func anUnreachableOrInvalidProxyIsNamed() async throws {
        let unreachable = NIOWebSocketTransport(connectTimeout: .seconds(5), proxies: ProxyConfiguration(environment: ["http_proxy": "http://127.0.0.1:1"]))
        await #expect {
            try await unreachable.withConnection(WebSocketRequest(url: "ws://127.0.0.1:9/")) { _ in () }
        } throws: { error in
            "\(error)".hasPrefix("the proxy 127.0.0.1:1 did not open a tunnel: cannot connect to it")
        }
        let socks = NIOWebSocketTransport(proxies: ProxyConfiguration(environment: ["https_proxy": "socks5://127.0.0.1:1080"]))
        await #expect(throws: WebSocketError.invalidProxy("socks5://127.0.0.1:1080")) {
            try await socks.withConnection(WebSocketRequest(url: "wss://example.com/")) { _ in () }
        }
        // A password in a proxy URL is never shown.
        let withPassword = NIOWebSocketTransport(proxies: ProxyConfiguration(environment: ["https_proxy": "socks5://ops:hunter2@127.0.0.1:1080"]))
        await #expect(throws: WebSocketError.invalidProxy("socks5://***@127.0.0.1:1080")) {
            try await withPassword.withConnection(WebSocketRequest(url: "wss://example.com/")) { _ in () }
        }
    }

    /// Which variable serves which scheme, as curl reads them: `http_proxy` in lower case only.
    @Test func variablesAreReadAsCurlReadsThem() {
        let upper = ProxyConfiguration(environment: ["HTTP_PROXY": "http://a:1", "HTTPS_PROXY": "http://b:2"])
        #expect(upper.plain == nil && upper.secure == "http://b:2")
        let all = ProxyConfiguration(environment: ["ALL_PROXY": "http://c:3", "https_proxy": "http://d:4", "no_proxy": " .Example.com , ,10.0.0.1"])
        #expect(all.plain == "http://c:3" && all.secure == "http://d:4")
        #expect(all.exceptions == [".example.com", "10.0.0.1"])
    }

    /// A whole exec session against ecs-sim through the proxy: the command's output and status
    /// arrive as without it.
    @Test func anExecSessionRunsThroughTheProxy() async throws {
        let proxy = try await ScriptServer.start(script: Self.proxyScript)
        defer { proxy.stop() }
        let fleet = try await SimFleet.start(tasks: 2)
        defer { fleet.stop() }
        var runner = fleet.runner
        runner.transport = NIOWebSocketTransport(proxies: ProxyConfiguration(environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"]))
        let (results, outputs) = await fleet.run({ _ in "echo tunnelled; exit 4" }, runner: runner)
        #expect(results.map(\.status) == [.failed(4), .failed(4)])
        #expect(outputs.values.map { String(decoding: $0, as: UTF8.self) } == ["tunnelled\n", "tunnelled\n"])
        let port = URL(string: fleet.sim.endpoint)?.port ?? 0
        #expect(try await Self.log(proxy).map(\.target) == ["127.0.0.1:\(port)", "127.0.0.1:\(port)"])
    }
}
