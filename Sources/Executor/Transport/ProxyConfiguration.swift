import Foundation

/// The HTTP proxies WebSocket connections go through, read from the environment the way curl
/// reads it, so the data channel takes the same way out as the API calls.
///
/// `wss://` uses `https_proxy` or `HTTPS_PROXY`, `ws://` uses `http_proxy` (lower case only,
/// as curl), then either falls back to `all_proxy` or `ALL_PROXY`. `no_proxy` or `NO_PROXY`
/// lists hosts to reach directly: `*` for all, otherwise names matched exactly or as a domain
/// suffix (`example.com` and `.example.com` both cover `api.example.com`), and addresses
/// matched exactly. A proxy is `http://[user:password@]host[:port]` (port 1080 when absent, as
/// curl); the connection is tunnelled with `CONNECT`.
public struct ProxyConfiguration: Sendable, Hashable {
    /// The proxy URL for `wss://`, as given.
    public var secure: String?
    /// The proxy URL for `ws://`, as given.
    public var plain: String?
    /// Hosts to reach directly.
    public var exceptions: [String]

    /// No proxy.
    public init() {
        self.init(secure: nil, plain: nil, exceptions: [])
    }

    public init(secure: String?, plain: String?, exceptions: [String]) {
        self.secure = secure
        self.plain = plain
        self.exceptions = exceptions
    }

    /// The proxies `environment` names.
    public init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        let all = value("all_proxy", "ALL_PROXY")
        self.init(secure: value("https_proxy", "HTTPS_PROXY") ?? all, plain: value("http_proxy") ?? all,
                  exceptions: (value("no_proxy", "NO_PROXY") ?? "").split(separator: ",").map {
                      $0.trimmingCharacters(in: .whitespaces).lowercased()
                  }.filter { !$0.isEmpty })
    }

    /// Where to send a connection to `url`: its proxy, or nil to go directly.
    func proxy(for url: WebSocketURL) throws(WebSocketError) -> ProxyEndpoint? {
        guard let text = url.secure ? secure : plain, !isException(url.host) else { return nil }
        return try ProxyEndpoint(text)
    }

    /// Whether `host` is to be reached directly.
    func isException(_ host: String) -> Bool {
        let host = host.lowercased()
        return exceptions.contains { entry in
            if entry == "*" { return true }
            var name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                name = String(name[name.index(after: name.startIndex)..<close])
            } else if name.filter({ $0 == ":" }).count == 1, let colon = name.firstIndex(of: ":") {
                name = String(name[..<colon])
            }
            return host == name || host.hasSuffix("." + name)
        }
    }
}
