import FilterLang
import Foundation
import Synchronization

/// Answers the requests of `ecsnodes serve`: a pure function of the request and the current
/// node list, so it is tested without a socket as well as through one.
///
/// - `GET /nodes` (also `/nodes.json`, `/nodes.yaml`): the node list as resource-json, or as
///   resource-yaml for `?format=yaml`, the `.yaml` path or an `Accept` naming yaml; `?filter=`
///   a Rundeck filter and `?where=` an extended expression narrow it (both: AND). Strong
///   ETags; `If-None-Match` gives 304.
/// - `GET /health`: `{"status", "nodes", "polledAt", "ageSeconds", "failures", "lastError"}`;
///   503 until the first list is published.
/// - With a token, every request but `/health` needs `Authorization: Bearer TOKEN`.
public final class NodeRouter: Sendable {
    /// What a request gets back.
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public static func == (lhs: Response, rhs: Response) -> Bool {
            lhs.status == rhs.status && lhs.body == rhs.body && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
        }

        static func text(_ status: Int, _ message: String, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Array((message + "\n").utf8))
        }
    }

    private let token: String?
    private let state = Mutex<(nodes: ServedNodes?, lastError: String?)>((nil, nil))

    /// A router that requires `Authorization: Bearer token` when `token` is set.
    public init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Publishes a new node list.
    public func publish(_ nodes: ServedNodes) {
        state.withLock { $0 = (nodes, nil) }
    }

    /// Records a failed poll; the previous list stays published.
    public func recordFailure(_ message: String) {
        state.withLock { $0.lastError = message }
    }

    public func respond(method: String, uri: String, headers: [(String, String)], now: Date = Date()) -> Response {
        guard method == "GET" || method == "HEAD" else { return .text(405, "only GET and HEAD", headers: [("Allow", "GET, HEAD")]) }
        let url = URLComponents(string: uri)
        let path = url?.path ?? uri
        let query = Dictionary((url?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let (nodes, lastError) = state.withLock { ($0.nodes, $0.lastError) }
        if path == "/health" { return health(nodes, lastError, now: now) }
        if let token, header("Authorization", in: headers).map({ Self.sameBytes($0, "Bearer " + token) }) != true {
            return .text(401, "a bearer token is required", headers: [("WWW-Authenticate", "Bearer")])
        }
        guard ["/nodes", "/nodes.json", "/nodes.yaml"].contains(path) else { return .text(404, "not found: try /nodes or /health") }
        guard let nodes else { return .text(503, "the first poll has not finished", headers: [("Retry-After", "1")]) }
        let format: NodeFormat = path.hasSuffix(".yaml") || query["format"] == "yaml"
            || (query["format"] == nil && !path.hasSuffix(".json") && header("Accept", in: headers)?.contains("yaml") == true) ? .yaml : .json
        let filter: Filter?
        do {
            filter = try Self.filter(rundeck: query["filter"], expression: query["where"])
        } catch {
            return .text(400, error.rendered(filter: query["filter"] ?? query["where"] ?? ""))
        }
        let body = nodes.body(format, filter: filter)
        var responseHeaders = [("ETag", body.etag), ("Cache-Control", "no-cache"), ("Last-Modified", Self.httpDate(nodes.polledAt))]
        if let match = header("If-None-Match", in: headers), match.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == body.etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }) {
            return Response(status: 304, headers: responseHeaders, body: [])
        }
        responseHeaders.insert(("Content-Type", format.contentType), at: 0)
        return Response(status: 200, headers: responseHeaders, body: method == "HEAD" ? [] : body.bytes)
    }

    private func health(_ nodes: ServedNodes?, _ lastError: String?, now: Date) -> Response {
        var document: [String: Any] = ["status": nodes == nil ? "starting" : (lastError == nil ? "ok" : "stale")]
        if let nodes {
            document["nodes"] = nodes.nodes.count
            document["polledAt"] = ISO8601DateFormatter().string(from: nodes.polledAt)
            document["ageSeconds"] = Int(now.timeIntervalSince(nodes.polledAt))
            document["failures"] = nodes.failures
        }
        if let lastError { document["lastError"] = lastError }
        let body = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return Response(status: nodes == nil ? 503 : 200, headers: [("Content-Type", "application/json")], body: Array(body) + [0x0A])
    }

    /// The filter of `?filter=` and `?where=`; nil for neither.
    static func filter(rundeck: String?, expression: String?) throws(FilterSyntaxError) -> Filter? {
        var filter = try rundeck.map { text throws(FilterSyntaxError) in try Filter(rundeck: text) }
        if let expression {
            let extended = try Filter(expression: expression)
            filter = filter.map { $0.and(extended) } ?? extended
        }
        return filter
    }

    private func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the token.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = x.count ^ y.count
        for index in 0..<min(x.count, y.count) { difference |= Int(x[index] ^ y[index]) }
        return difference == 0
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
