/// A whole HTTP response, whatever its status.
public struct HTTPResponse: Sendable {
    /// The status code of the final response (never a 1xx interim one).
    public var status: Int
    /// Header fields of the final response in the order received; names are lower-cased.
    public var headers: [(name: String, value: String)]
    /// The body as received (no content decoding is asked for or done).
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }
}
