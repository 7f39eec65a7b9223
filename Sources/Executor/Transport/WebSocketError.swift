/// A WebSocket connection that could not be opened or broke.
public enum WebSocketError: Error, Sendable, Hashable {
    /// The URL is not `ws://` or `wss://` with a host.
    case invalidURL(String)
    /// The TCP connection could not be made.
    case connectFailed(host: String, port: Int, reason: String)
    /// TLS failed: an untrusted or mismatched certificate, or a failed handshake.
    case tlsFailed(host: String, reason: String)
    /// The server answered the upgrade request with this HTTP status instead of 101.
    case upgradeRefused(status: Int, body: String)
    /// The server's answer to the upgrade was not a valid WebSocket handshake.
    case badHandshake(reason: String)
    /// The connection ended without a close frame.
    case connectionLost(reason: String)
    /// No answer within the time allowed.
    case timedOut(what: String)
    /// The peer sent a frame, or a fragmented message, larger than the transport accepts.
    case messageTooLarge(limit: Int)
    /// A proxy URL of the environment (`https_proxy`, `http_proxy`, `all_proxy`) cannot be used.
    case invalidProxy(String)
    /// The HTTP proxy (`host:port`) did not open the tunnel; the reason says what it answered.
    case proxyFailed(proxy: String, reason: String)
}

extension WebSocketError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidURL(let url): "not a ws:// or wss:// URL: \(url.prefix(200))"
        case .connectFailed(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .tlsFailed(let host, let reason): "TLS with \(host) failed: \(reason)"
        case .upgradeRefused(let status, let body):
            "the data channel refused the WebSocket upgrade with HTTP \(status)" + (body.isEmpty ? "" : ": \(body.prefix(300))")
        case .badHandshake(let reason): "bad WebSocket handshake: \(reason)"
        case .connectionLost(let reason): "the WebSocket connection was lost: \(reason)"
        case .timedOut(let what): "timed out waiting for \(what)"
        case .invalidProxy(let url):
            "the proxy '\(url.prefix(200))' is not an http://[user:password@]host[:port] URL (check https_proxy, http_proxy and all_proxy)"
        case .proxyFailed(let proxy, let reason):
            "the proxy \(proxy) did not open a tunnel: \(reason)"
        case .messageTooLarge(let limit):
            "the peer sent a WebSocket frame over the \(limit >> 20) MiB limit (or a message over \(4 * limit >> 20) MiB); the connection was closed"
        }
    }
}
