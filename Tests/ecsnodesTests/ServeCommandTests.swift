import AWSHTTP
import Foundation
import NodeModel
import Testing

/// `ecsnodes serve` run as a process and asked over real HTTP on 127.0.0.1.
struct ServeCommandTests {
    /// A running `ecsnodes serve`, stopped by `stop()`.
    struct Server {
        let process: Process
        let url: String

        static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Server {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.currentDirectoryURL = CLI.repositoryRoot
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) { line += byte }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("serving "), let url = text.split(separator: " ").last else {
                process.terminate()
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "serve printed \(text)"])
            }
            return Server(process: process, url: String(url))
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }

        func get(_ suffix: String = "", headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
            let base = suffix.hasPrefix("/health") ? String(url.dropLast("/nodes".count)) : url
            return try await CurlClient().send(HTTPRequest(url: base + suffix, headers: headers))
        }
    }

    static func header(_ name: String, _ response: HTTPResponse) -> String? {
        response.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test func servesFiltersAndRevalidatesTheFleet() async throws {
        let all = try ResourceJSON.decode(Array(try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("examples/fleet.json"))))
        let server = try Server.start(["--from", "examples/fleet.json"])
        defer { server.stop() }

        let whole = try await server.get()
        #expect(whole.status == 200 && Self.header("Content-Type", whole) == "application/json")
        #expect(try ResourceJSON.decode(whole.body).map(\.name).sorted() == all.map(\.name).sorted())

        let spring = try await server.get("?filter=ECS:Container-Image:%20.*spring.*")
        let expected = all.filter { $0.attributes["ECS:Container-Image"]?.contains("spring") == true }.map(\.name).sorted()
        #expect(try ResourceJSON.decode(spring.body).map(\.name).sorted() == expected && expected.count == 7)

        let yaml = try await server.get(".yaml")
        #expect(Self.header("Content-Type", yaml)?.hasPrefix("text/yaml") == true)
        #expect(try ResourceYAML.decode(String(decoding: yaml.body, as: UTF8.self)).count == all.count)

        let etag = try #require(Self.header("ETag", whole))
        let unchanged = try await server.get(headers: [(name: "If-None-Match", value: etag)])
        #expect(unchanged.status == 304 && unchanged.body.isEmpty)

        let bad = try await server.get("?filter=/(/")
        #expect(bad.status == 400 && String(decoding: bad.body, as: UTF8.self).contains("missing closing parenthesis"))

        let health = try await server.get("/health")
        let document = try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any]
        #expect(health.status == 200 && document?["status"] as? String == "ok" && document?["nodes"] as? Int == all.count)
    }

    @Test func aTokenIsRequiredAndANewListIsPublished() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let nodes = folder.appendingPathComponent("nodes.json"), token = folder.appendingPathComponent("token")
        try ResourceJSON.encode([Node(name: "one", attributes: ["role": "web"])]).write(to: nodes, atomically: true, encoding: .utf8)
        try "s3cret-token\n".write(to: token, atomically: true, encoding: .utf8)
        let server = try Server.start(["--from", nodes.path, "--token-file", token.path, "--interval", "0.2"])
        defer { server.stop() }

        #expect(try await server.get().status == 401)
        #expect(try await server.get(headers: [(name: "Authorization", value: "Bearer wrong")]).status == 401)
        #expect(try await server.get("/health").status == 200)
        let bearer = [(name: "Authorization", value: "Bearer s3cret-token")]
        let first = try await server.get(headers: bearer)
        #expect(try ResourceJSON.decode(first.body).map(\.name) == ["one"])

        try ResourceJSON.encode([Node(name: "one", attributes: ["role": "web"]), Node(name: "two", attributes: [:])])
            .write(to: nodes, atomically: true, encoding: .utf8)
        var names: [String] = []
        for _ in 0..<50 where names.count < 2 {
            try await Task.sleep(for: .milliseconds(100))
            names = try ResourceJSON.decode(try await server.get(headers: bearer).body).map(\.name)
        }
        #expect(names.sorted() == ["one", "two"])
        #expect(Self.header("ETag", try await server.get(headers: bearer)) != Self.header("ETag", first))
    }
}
