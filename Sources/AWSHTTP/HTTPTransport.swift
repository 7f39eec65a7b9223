/// Something that sends one HTTP request and returns the whole response.
///
/// Any status, 4xx and 5xx included, is a response; only a failure to exchange the request
/// and response throws. Cancelling the calling task abandons the request and throws
/// `CancellationError`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
