/// The parts of a `ws://` or `wss://` URL a connection needs.
struct WebSocketURL: Sendable, Hashable {
    var secure: Bool
    /// Host name or address, IPv6 without brackets.
    var host: String
    var port: Int
    /// Path and query exactly as given: the request target.
    var target: String

    init(_ url: String) throws(WebSocketError) {
        let secure: Bool
        let rest: Substring
        if url.lowercased().hasPrefix("wss://") {
            (secure, rest) = (true, url.dropFirst(6))
        } else if url.lowercased().hasPrefix("ws://") {
            (secure, rest) = (false, url.dropFirst(5))
        } else {
            throw .invalidURL(url)
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var target = String(rest[authorityEnd...])
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var host = authority, port: Int? = nil
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ; if port == nil { throw .invalidURL(url) } }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = Int(authority[authority.index(after: colon)...])
            if port == nil { throw .invalidURL(url) }
        }
        guard !host.isEmpty else { throw .invalidURL(url) }
        self.secure = secure
        self.host = String(host)
        self.port = port ?? (secure ? 443 : 80)
        self.target = target
    }

    /// The `Host` header: `host[:port]`, the port only when it is not the scheme's default.
    var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// `host:port` with the port always, as a proxy's CONNECT names its target.
    var hostAndPort: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Whether the host is an IP address (which TLS cannot send as SNI).
    var hostIsAddress: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
