/// Why a URL could not be turned into a ``SignableRequest``.
public enum SigV4Error: Error, Equatable, Sendable {
    /// The URL has no `scheme://` prefix.
    case missingScheme(url: String)
    /// The URL has no host between `scheme://` and the path.
    case missingHost(url: String)
    /// The port after the host is not a number from 1 to 65535.
    case invalidPort(url: String)
    /// The URL carries `user:password@`, which SigV4 requests never use (the URL is not kept,
    /// so the password cannot end up in a log).
    case userInfoNotSupported
}

extension SigV4Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingScheme(let url): "URL has no scheme (like https://): \(url)"
        case .missingHost(let url): "URL has no host: \(url)"
        case .invalidPort(let url): "URL has an invalid port: \(url)"
        case .userInfoNotSupported: "URL must not contain a user name or password"
        }
    }
}
