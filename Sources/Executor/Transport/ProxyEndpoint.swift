import Foundation

/// One HTTP proxy: where it listens and the `Proxy-Authorization` its URL's credentials give.
struct ProxyEndpoint: Sendable, Hashable {
    var host: String
    var port: Int
    var authorization: String?

    init(_ text: String) throws(WebSocketError) {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty,
              components.scheme?.lowercased() == "http" else {
            throw .invalidProxy(Self.withoutCredentials(text))
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 1080
        if let user = components.user {
            let password = components.password ?? ""
            let pair = (user.removingPercentEncoding ?? user) + ":" + (password.removingPercentEncoding ?? password)
            authorization = "Basic " + Data(pair.utf8).base64EncodedString()
        }
    }

    /// `host:port`, an IPv6 host in brackets.
    var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `text` with any `user:password@` replaced by `***@`: a proxy URL in a message never
    /// shows its password.
    static func withoutCredentials(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://").map(\.upperBound) ?? text.startIndex
        guard start <= at else { return text }
        return String(text[..<start]) + "***" + String(text[at...])
    }
}
