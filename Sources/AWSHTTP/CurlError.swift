import CCurl

/// A failure of ``CurlClient`` to exchange a request and its response.
///
/// Errors name the URL without its query, fragment or user info, and never carry request
/// headers or bodies: those hold signatures and session tokens.
public enum CurlError: Error, Hashable, Sendable {
    /// libcurl could not complete the transfer: `message` is curl's own text for the
    /// `CURLcode` `code` (`curl_easy_strerror`), `detail` its error buffer, if it said more.
    case transferFailed(code: Int, message: String, detail: String, url: String)
    /// The request cannot be sent as given: the method or a header name is not an HTTP
    /// token, a header value holds a line break or NUL byte, or the URL a NUL byte.
    case invalidRequest(reason: String, url: String)
    /// The client was closed before the request completed.
    case closed(url: String)

    /// The `CURLcode` of a failed transfer, for example 28 (`CURLE_OPERATION_TIMEDOUT`).
    public var code: Int? {
        if case .transferFailed(let code, _, _, _) = self { return code }
        return nil
    }

    /// Whether the transfer ran out of time (connect or total timeout).
    public var isTimeout: Bool {
        code == Int(CURLE_OPERATION_TIMEDOUT.rawValue)
    }

    /// A failed transfer, described with curl's text for `code`.
    static func transfer(_ code: CURLcode, detail: String = "", url: String) -> CurlError {
        .transferFailed(
            code: Int(code.rawValue),
            message: String(cString: curl_easy_strerror(code)),
            detail: detail,
            url: redacted(url)
        )
    }

    /// `url` without user info, query or fragment, which may hold secrets (presigned URLs).
    static func redacted(_ url: String) -> String {
        let withoutQuery = url.prefix { $0 != "?" && $0 != "#" }
        guard let schemeEnd = withoutQuery.firstRange(of: "://") else { return String(withoutQuery) }
        let rest = withoutQuery[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return String(withoutQuery) }
        return String(withoutQuery[..<schemeEnd.upperBound] + rest[rest.index(after: at)...])
    }
}

extension CurlError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .transferFailed(_, let message, let detail, let url):
            let more = detail.isEmpty || detail == message ? "" : " (\(detail))"
            return "\(message)\(more): \(url)"
        case .invalidRequest(let reason, let url):
            return "invalid request: \(reason): \(url)"
        case .closed(let url):
            return "the HTTP client was closed: \(url)"
        }
    }
}
