import Executor
import Foundation
import Testing
import TestSupport

/// ``NIOWebSocketTransport`` against a loopback Python `websockets` server, plain and TLS.
@Suite(.serialized)
struct WebSocketTransportTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ws_echo.py").path

    /// Opens a connection, asks for and reads the server's header report, then runs `body`.
    /// (The server speaks only when spoken to, as the data channel does: data a server sends
    /// in the same segment as its 101 answer can be lost by the upgrade — a known limit of the
    /// transport, see the issue notes.)
    func withEcho<R: Sendable>(
        _ server: ScriptServer, scheme: String = "ws", host: String = "127.0.0.1", caBundle: String? = nil,
        headers: [(name: String, value: String)] = [], proxies: ProxyConfiguration = ProxyConfiguration(),
        _ body: (any WebSocketConnection, [String: Any]) async throws -> R
    ) async throws -> R {
        let transport = NIOWebSocketTransport(caBundle: caBundle, connectTimeout: .seconds(10), proxies: proxies)
        return try await transport.withConnection(WebSocketRequest(url: "\(scheme)://\(host):\(server.port)/v1/data-channel/abc?role=publish_subscribe", headers: headers)) { connection in
            var iterator = connection.inbound.makeAsyncIterator()
            try await connection.send(.text("report"))
            guard case .text(let report)? = try await iterator.next() else { throw TestFailure("no header report") }
            let object = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any] ?? [:]
            return try await body(connection, object)
        }
    }

    @Test func echoesTextAndBinaryAndSendsHeaders() async throws {
        let server = try await ScriptServer.start(script: Self.script)
        defer { server.stop() }
        try await withEcho(server, headers: [(name: "X-Amz-Date", value: "20260101T000000Z")]) { connection, report in
            #expect(report["path"] as? String == "/v1/data-channel/abc?role=publish_subscribe")
            let headers = report["headers"] as? [String: String] ?? [:]
            #expect(headers["host"] == "127.0.0.1:\(server.port)")
            #expect(headers["x-amz-date"] == "20260101T000000Z")
            var messages = connection.inbound.makeAsyncIterator()
            try await connection.send(.text(#"{"MessageSchemaVersion":"1.0"}"#))
            #expect(try await messages.next() == .text(#"{"MessageSchemaVersion":"1.0"}"#))
            let bytes = (0..<200).map { UInt8($0) }
            try await connection.send(.binary(bytes))
            #expect(try await messages.next() == .binary(bytes))
        }
    }

    @Test func carriesFramesLargerThan16KiBBothWays() async throws {
        let server = try await ScriptServer.start(script: Self.script)
        defer { server.stop() }
        try await withEcho(server) { connection, _ in
            var messages = connection.inbound.makeAsyncIterator()
            let big = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await connection.send(.binary(big))
            #expect(try await messages.next() == .binary(big))
            try await connection.send(.text("fragment:50000"))
            #expect(try await messages.next() == .binary([UInt8](repeating: 0x61, count: 50_000)))
        }
    }

    /// A frame of exactly the limit (4 MiB) arrives; one byte more, in one frame or in a
    /// fragmented message over four times the limit, ends the connection with an error that
    /// says so instead of being buffered.
    @Test func refusesFramesAndMessagesOverTheLimit() async throws {
        let server = try await ScriptServer.start(script: Self.script)
        defer { server.stop() }
        let limit = NIOWebSocketTransport().maxFrameSize
        #expect(limit == 4 << 20)
        try await withEcho(server) { connection, _ in
            var messages = connection.inbound.makeAsyncIterator()
            try await connection.send(.text("big:\(limit)"))
            #expect(try await messages.next() == .binary([UInt8](repeating: 0x62, count: limit)))
        }
        for oversized in ["big:\(limit + 1)", "fragment:\(4 * limit + 1000)"] {
            let outcome: String = try await withEcho(server) { connection, _ in
                var messages = connection.inbound.makeAsyncIterator()
                try await connection.send(.text(oversized))
                do {
                    guard let message = try await messages.next() else { return "ended" }
                    return "received \(message)".prefix(80).description
                } catch {
                    return "failed: \(error)"
                }
            }
            #expect(outcome == "failed: \(WebSocketError.messageTooLarge(limit: limit))", "\(oversized): \(outcome)")
        }
    }

    @Test func answersPingsAndSeesThePeersClose() async throws {
        let server = try await ScriptServer.start(script: Self.script)
        defer { server.stop() }
        try await withEcho(server) { connection, _ in
            var messages = connection.inbound.makeAsyncIterator()
            try await connection.send(.text("ping-me"))
            #expect(try await messages.next() == .text("pong-received"))
            try await connection.send(.text("close"))
            #expect(try await messages.next() == nil)
            #expect(connection.closeCode == 4001)
        }
    }

    @Test func speaksTLSWithASelfSignedCertificateTrustedThroughTheCABundle() async throws {
        let certificate = try SelfSignedCertificate.make()
        let server = try await ScriptServer.start(script: Self.script, arguments: [certificate.certificatePath, certificate.keyPath])
        defer { server.stop() }
        for host in ["localhost", "127.0.0.1"] {
            try await withEcho(server, scheme: "wss", host: host, caBundle: certificate.certificatePath) { connection, _ in
                var messages = connection.inbound.makeAsyncIterator()
                let big = [UInt8](repeating: 7, count: 40_000)
                try await connection.send(.binary(big))
                #expect(try await messages.next() == .binary(big))
            }
        }
    }

    @Test func refusesAnUntrustedCertificate() async throws {
        let certificate = try SelfSignedCertificate.make()
        let server = try await ScriptServer.start(script: Self.script, arguments: [certificate.certificatePath, certificate.keyPath])
        defer { server.stop() }
        let transport = NIOWebSocketTransport(connectTimeout: .seconds(10))
        await #expect {
            try await transport.withConnection(WebSocketRequest(url: "wss://localhost:\(server.port)/")) { _ in () }
        } throws: { error in
            guard case .tlsFailed? = error as? WebSocketError else { return false }
            return true
        }
    }

    @Test func reportsARefusedUpgradeAndAClosedPort() async throws {
        let transport = NIOWebSocketTransport(connectTimeout: .seconds(5))
        await #expect {
            try await transport.withConnection(WebSocketRequest(url: "ws://127.0.0.1:1/")) { _ in () }
        } throws: { error in
            guard case .connectFailed? = error as? WebSocketError else { return false }
            return true
        }
        await #expect(throws: WebSocketError.invalidURL("https://example.com/")) {
            try await transport.withConnection(WebSocketRequest(url: "https://example.com/")) { _ in () }
        }
    }
}

/// A throwaway self-signed certificate for localhost and 127.0.0.1, made with `openssl`.
struct SelfSignedCertificate {
    let certificatePath: String
    let keyPath: String

    static func make() throws -> SelfSignedCertificate {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("executor-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = SelfSignedCertificate(certificatePath: directory.appendingPathComponent("cert.pem").path,
                                                keyPath: directory.appendingPathComponent("key.pem").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", certificate.keyPath, "-out", certificate.certificatePath,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl req failed") }
        return certificate
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
