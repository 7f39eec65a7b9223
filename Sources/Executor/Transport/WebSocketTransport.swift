/// One whole WebSocket message (fragments already joined).
public enum WebSocketMessage: Sendable, Hashable {
    case text(String)
    case binary([UInt8])
}

/// The opening handshake of a WebSocket: the `ws://` or `wss://` URL and extra headers of
/// the upgrade request (the SigV4 ones for the data channel).
public struct WebSocketRequest: Sendable {
    public var url: String
    public var headers: [(name: String, value: String)]

    public init(url: String, headers: [(name: String, value: String)] = []) {
        self.url = url
        self.headers = headers
    }
}

/// Opens WebSocket connections; the data channel client speaks through one, so tests can put
/// a fake in its place.
public protocol WebSocketTransport: Sendable {
    /// Connects, runs `body` with the open connection and closes the connection (with the
    /// close handshake) when `body` returns or throws.
    func withConnection<Result: Sendable>(
        _ request: WebSocketRequest,
        _ body: (any WebSocketConnection) async throws -> Result
    ) async throws -> Result
}

/// An open WebSocket.
public protocol WebSocketConnection: Sendable {
    /// The peer's data messages in order. It finishes when the peer closes the connection
    /// (``closeCode`` then tells how) and throws when the connection fails.
    var inbound: AsyncThrowingStream<WebSocketMessage, any Error> { get }
    /// Sends one message as one frame.
    func send(_ message: WebSocketMessage) async throws
    /// The status code of the peer's close frame, once it has sent one.
    var closeCode: Int? { get }
}
