/// One HTTP request: what ``HTTPTransport/send(_:)`` puts on the wire.
///
/// The headers are sent exactly as given, in order, and nothing else is added except `Host`
/// (when absent; `host:port` for a port that is not the scheme's default) and
/// `Content-Length` (see ``body``). So what a SigV4 signature covers is what is sent.
public struct HTTPRequest: Sendable {
    /// The method, such as `GET`, `POST` or `PUT`.
    public var method: String
    /// The absolute URL, `http://` or `https://`.
    public var url: String
    /// Header fields in the order they are sent; names keep their case.
    public var headers: [(name: String, value: String)]
    /// The body, sent with a `Content-Length` (also when empty) for every method but GET,
    /// where an empty body sends no `Content-Length`, and HEAD, where the body is ignored.
    public var body: [UInt8]
    /// The time the exchange may take once it starts, overriding the client's default.
    public var timeout: Duration?

    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
