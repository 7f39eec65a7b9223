import FilterLang
import Foundation
import NodeModel
import NodeServer
import NodeSource

/// `ecsnodes serve`: polls an inventory (live, or a file) at an interval and serves the
/// nodes a filter selects over HTTP, for Rundeck's URL resource source.
struct InventoryServer {
    let from: String?
    let source: SourceOptions
    let filter: Filter
    let host: String
    let port: Int
    let interval: Duration
    let token: String?

    /// Polls once (a failure ends the command with its exit status), starts listening,
    /// prints where on standard output, then polls until the process is stopped. A later
    /// failed poll keeps the previous list and shows in `/health`.
    func run() async throws {
        let router = NodeRouter(token: token)
        router.publish(try await poll())
        let server = try await NodeServer(host: host, port: port, router: router)
        let shown = host.contains(":") ? "[\(host)]" : host
        Terminal.output("serving http://\(shown):\(server.port)/nodes\n")
        if token == nil, !["127.0.0.1", "localhost", "::1"].contains(host) {
            Terminal.diagnostic("warning: listening on \(host) without a bearer token; anyone who reaches the port can read the node list (use --token-file)\n")
        }
        while true {
            try await Task.sleep(for: interval)
            do {
                router.publish(try await poll())
            } catch {
                router.recordFailure("the poll at \(ISO8601DateFormatter().string(from: Date())) failed (see the server's standard error); serving the previous list")
            }
        }
    }

    private func poll() async throws -> ServedNodes {
        if let from {
            return ServedNodes(nodes: try NodeSelection.select(from: from, filter: filter, fullNodes: true).nodes)
        }
        let listing = try await LiveInventory(options: source).poll(taskDefinitions: definitions)
        return ServedNodes(nodes: NodeSelection.select(listing.nodes, filter: filter).nodes, failures: listing.failures.map(\.description))
    }

    private let definitions = TaskDefinitionCache()
}
