import SimSession
import AWSSigner

/// One whole HTTP request as the simulator sees it, whatever the transport.
struct SimRequest: Sendable {
    var method: String
    /// The request target: path and query as sent.
    var uri: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// `host:port` the client connected to (IPv6 in brackets).
    var authority: String

    /// The path, without the query.
    var path: Substring { uri.prefix { $0 != "?" } }

    /// The first value of header `name` (any case).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    /// The request as SigV4 sees it, its host taken from the `Host` header; nil when the
    /// `Host` header and target do not make a URL.
    var signable: SignableRequest? {
        Self.signable(method: method, uri: uri, headers: headers, body: body, authority: authority)
    }

    static func signable(
        method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8], authority: String
    ) -> SignableRequest? {
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? authority
        return try? SignableRequest(method: method, url: "http://\(host)\(uri.hasPrefix("/") ? uri : "/" + uri)",
                                    headers: headers, body: body)
    }
}

/// What the simulator does with a request.
struct SimResponse: Sendable {
    enum Answer: Sendable {
        /// Send this answer.
        case reply(HTTPReply)
        /// Close the connection without answering.
        case reset
    }

    var answer: Answer
    /// How long to wait before answering (or closing).
    var delayMilliseconds: Int = 0
    /// An ECS call, in flight until it is answered: the server tells ``SimulatorCore`` just
    /// before the answer goes out.
    var isECSCall = false

    static func reply(_ reply: HTTPReply) -> SimResponse { SimResponse(answer: .reply(reply)) }
}

/// An HTTP answer: status, headers (beside `Content-Length`, which the server adds) and body.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// A JSON 1.1 answer of an AWS API, with a fresh `x-amzn-RequestId`.
    static func aws(status: Int = 200, body: [UInt8]) -> HTTPReply {
        HTTPReply(status: status, headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "x-amzn-RequestId", value: requestID()),
        ], body: body)
    }

    /// The JSON error body of `error`.
    static func aws(_ error: APIError) -> HTTPReply {
        aws(status: error.status, body: error.body)
    }

    /// A plain JSON answer of a `/_sim/*` endpoint.
    static func json(status: Int = 200, _ body: [UInt8]) -> HTTPReply {
        HTTPReply(status: status, headers: [(name: "Content-Type", value: "application/json")], body: body)
    }

    /// A random UUID, as AWS request ids are.
    static func requestID() -> String {
        var system = SystemRandomNumberGenerator()
        var random = SeededRandom(seed: system.next())
        return random.uuid()
    }
}
