import AWSSigner
import FilterLang
import Foundation
import NodeModel

/// One published node list: the nodes, a table for filters, and both resource formats of the
/// whole list ready to send, each with its ETag.
public struct ServedNodes: Sendable {
    public let nodes: [Node]
    public let table: NodeTable
    /// When the list was polled.
    public let polledAt: Date
    /// What the poll could not list (regions, clusters), for `/health`.
    public let failures: [String]
    let bodies: [NodeFormat: Body]

    /// A response body and its strong ETag.
    struct Body: Sendable {
        let bytes: [UInt8]
        let etag: String

        init(_ text: String) {
            bytes = Array(text.utf8)
            etag = "\"" + SHA256.hexDigest(bytes).prefix(32) + "\""
        }
    }

    public init(nodes: [Node], polledAt: Date = Date(), failures: [String] = []) {
        let sorted = nodes.sorted { $0.name.precedesBytewise($1.name) }
        self.nodes = sorted
        self.table = NodeTable(sorted)
        self.polledAt = polledAt
        self.failures = failures
        self.bodies = [.json: Body(ResourceJSON.encode(sorted)), .yaml: Body(ResourceYAML.encode(sorted))]
    }

    /// The body of the nodes `filter` selects (all when nil) in `format`.
    func body(_ format: NodeFormat, filter: Filter?) -> Body {
        guard let filter else { return bodies[format]! }
        let rows = filter.select(in: table).rows.rows
        let chosen = rows.map { nodes[$0] }
        return Body(format == .json ? ResourceJSON.encode(chosen) : ResourceYAML.encode(chosen))
    }
}

/// The resource formats a node list is served in.
public enum NodeFormat: String, Sendable, Hashable {
    /// Rundeck's resource-json, `application/json`.
    case json
    /// Rundeck's resource-yaml, `text/yaml`.
    case yaml

    var contentType: String {
        switch self {
        case .json: "application/json"
        case .yaml: "text/yaml; charset=utf-8"
        }
    }
}
