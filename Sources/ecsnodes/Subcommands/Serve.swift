import ArgumentParser
import Foundation

extension ECSNodes {
    /// Serves the node list over HTTP for Rundeck's URL resource source.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the node list over HTTP (resource-json and resource-yaml) for Rundeck",
            discussion: """
                Polls the live inventory (or re-reads --from FILE) every --interval seconds and serves the \
                nodes the filter selects:
                  GET /nodes               resource-json (?format=yaml, /nodes.yaml or Accept: text/yaml for resource-yaml)
                  GET /nodes?filter=F      narrowed by a Rundeck filter (?where= for an extended expression)
                  GET /health              status, node count, age of the list, failures
                ETag and If-None-Match are honoured. Listens on 127.0.0.1 unless --listen says otherwise; with \
                --token-file (or ECSNODES_SERVE_TOKEN) every request but /health needs Authorization: Bearer TOKEN.

                Example (Rundeck: a URL source of http://127.0.0.1:8750/nodes):
                  ecsnodes serve --region eu-west-1 --cluster payments --interval 30
                """
        )

        @OptionGroup var filter: FilterOptions

        @Option(help: ArgumentHelp("Serve a resource-json or resource-yaml file instead of ECS.", valueName: "file"))
        var from: String?

        @OptionGroup(title: "Live inventory") var source: SourceOptions

        @Option(help: ArgumentHelp("Address and port to listen on (port 0: any free port).", valueName: "host:port"))
        var listen = "127.0.0.1:8750"

        @Option(help: ArgumentHelp("Seconds between polls (default 60).", valueName: "seconds"))
        var interval: Double = 60

        @Option(help: ArgumentHelp("Require Authorization: Bearer with the token in FILE.", valueName: "file"))
        var tokenFile: String?

        func validate() throws {
            guard interval > 0 else { throw ValidationError("--interval must be more than 0 seconds") }
            guard Self.address(listen) != nil else { throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8750 or [::1]:0") }
            if let tokenFile, (try? String(contentsOfFile: tokenFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
                throw ValidationError("--token-file \(tokenFile) cannot be read or is empty")
            }
        }

        func run() async throws {
            let (host, port) = Self.address(listen)!
            let token = try tokenFile.map { try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
                ?? ProcessInfo.processInfo.environment["ECSNODES_SERVE_TOKEN"]
            try await InventoryServer(from: from, source: source, filter: try filter.compiled(), host: host, port: port,
                                      interval: .milliseconds(Int(interval * 1000)), token: token).run()
        }

        /// `HOST:PORT` or `[IPv6]:PORT` split.
        static func address(_ text: String) -> (host: String, port: Int)? {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            return host.isEmpty ? nil : (host, port)
        }
    }
}
