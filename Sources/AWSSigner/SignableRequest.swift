/// An HTTP request as it will be sent, in the pieces SigV4 signs.
///
/// The path is kept exactly as it goes on the wire (already percent-encoded where needed);
/// query items are kept decoded, in order, repeats allowed, and are encoded the SigV4 way
/// both when signing and when rendering ``requestTarget``, so what is signed is what is sent.
public struct SignableRequest: Sendable {
    /// The method, upper case: `GET`, `POST`.
    public var method: String
    /// The URL scheme, lower case: `https`, `http`.
    public var scheme: String
    /// The host name or address, IPv6 addresses without brackets.
    public var host: String
    /// The port, or nil for the scheme's default.
    public var port: Int?
    /// The path exactly as sent, starting with `/`.
    public var path: String
    /// The decoded query parameters in order; a name may repeat.
    public var queryItems: [(name: String, value: String)]
    /// The header fields in order; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The body bytes, empty for none.
    public var body: [UInt8]

    public init(
        method: String,
        scheme: String = "https",
        host: String,
        port: Int? = nil,
        path: String = "/",
        queryItems: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// The `Host` header value: `host[:port]`, the port only when it is not the scheme's
    /// default (what libcurl sends), IPv6 addresses in brackets.
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        guard let port, port != Self.defaultPort(for: scheme) else { return name }
        return "\(name):\(port)"
    }

    /// The request target: the path, then `?` and the SigV4-encoded query when there is one.
    public var requestTarget: String {
        guard !queryItems.isEmpty else { return path.isEmpty ? "/" : path }
        let query = queryItems
            .map { "\(URIEncoding.encode($0.name))=\(URIEncoding.encode($0.value))" }
            .joined(separator: "&")
        return "\(path.isEmpty ? "/" : path)?\(query)"
    }

    /// The whole URL: `scheme://authority` followed by ``requestTarget``.
    public var url: String {
        "\(scheme)://\(authority)\(requestTarget)"
    }

    /// The values of every header called `name` (any case), in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Sets the header `name` to `value`: the first header of that name (any case) is replaced
    /// in place and any others removed, or the header is appended when there is none.
    public mutating func setHeader(_ name: String, _ value: String) {
        let wanted = name.lowercased()
        guard let first = headers.firstIndex(where: { $0.name.lowercased() == wanted }) else {
            headers.append((name: name, value: value))
            return
        }
        headers[first] = (name: name, value: value)
        var index = headers.index(after: first)
        while index < headers.endIndex {
            if headers[index].name.lowercased() == wanted {
                headers.remove(at: index)
            } else {
                index = headers.index(after: index)
            }
        }
    }

    /// The port a scheme uses when none is given, or nil for schemes we don't know.
    static func defaultPort(for scheme: String) -> Int? {
        switch scheme.lowercased() {
        case "http", "ws": 80
        case "https", "wss": 443
        default: nil
        }
    }
}
