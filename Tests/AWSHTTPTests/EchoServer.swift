import Foundation
import TestSupport

/// `Fixtures/echo_server.py` on 127.0.0.1, run through ``ScriptServer``.
///
/// Most tests use ``shared()``; tests that stop their server or need HTTPS start their own.
enum EchoServer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/echo_server.py").path

    private static let sharedServer = Task { try await start() }

    /// The server most tests share, started on first use and ended with the test process.
    static func shared() async throws -> ScriptServer {
        try await sharedServer.value
    }

    /// Starts a server of its own (HTTPS with `certificate` if given).
    static func start(tls certificate: TestCertificate? = nil) async throws -> ScriptServer {
        try await ScriptServer.start(script: script, arguments: certificate.map { ["--tls", $0.certificatePath, $0.keyPath] } ?? [])
    }
}

/// What `/echo` reports about the request it received.
struct Echo: Decodable {
    var method: String
    var path: String
    /// `[name, value]` pairs in the order received.
    var headers: [[String]]
    var bodyLength: Int
    var bodySHA256: String

    enum CodingKeys: String, CodingKey {
        case method, path, headers
        case bodyLength = "body_length"
        case bodySHA256 = "body_sha256"
    }

    /// Decodes the body of an `/echo` response.
    init(_ body: [UInt8]) throws {
        self = try JSONDecoder().decode(Echo.self, from: Data(body))
    }

    /// The headers other than those named, in order.
    func headers(excluding names: Set<String>) -> [[String]] {
        headers.filter { !names.contains($0[0].lowercased()) }
    }

    /// The value of the first header called `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0[0].lowercased() == name.lowercased() }?[1]
    }
}

/// A failure of the test set-up itself.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
