extension SignableRequest {
    /// Builds a request from a URL such as `http://127.0.0.1:4566/?a=1&b=2`.
    ///
    /// The path is kept as written (it is what will be sent). The query is split on `&` and
    /// the first `=`, and each name and value is percent-decoded; `+` stays a literal plus,
    /// since SigV4 encodes spaces as `%20`. A fragment is dropped: it is never sent.
    public init(
        method: String,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) throws(SigV4Error) {
        guard let schemeEnd = url.firstRange(of: "://"), !url[..<schemeEnd.lowerBound].isEmpty else {
            throw .missingScheme(url: url)
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let (host, port) = try Self.parseAuthority(rest[..<authorityEnd], url: url)
        let target = rest[authorityEnd...]
        let queryStart = target.firstIndex(of: "?")
        let path = String(target[..<(queryStart ?? target.endIndex)])
        let query = queryStart.map { target[target.index(after: $0)...] } ?? ""

        self.init(
            method: method,
            scheme: scheme,
            host: host,
            port: port,
            path: path.isEmpty ? "/" : path,
            queryItems: Self.parseQuery(query),
            headers: headers,
            body: body
        )
    }

    /// Splits `host[:port]` or `[v6address][:port]`.
    private static func parseAuthority(_ authority: Substring, url: String) throws(SigV4Error) -> (String, Int?) {
        guard !authority.contains("@") else { throw .userInfoNotSupported }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .missingHost(url: url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidPort(url: url) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .missingHost(url: url) }
        guard let portText, !portText.isEmpty else { return (String(host), nil) }
        guard portText.allSatisfy({ ("0"..."9").contains($0) }), let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidPort(url: url)
        }
        return (String(host), port)
    }

    /// Splits `a=1&b=&c` into decoded pairs, in order, keeping repeats and dropping empty parts.
    static func parseQuery(_ query: Substring) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            guard let equals = part.firstIndex(of: "=") else {
                return (name: URIEncoding.decode(part), value: "")
            }
            return (
                name: URIEncoding.decode(part[..<equals]),
                value: URIEncoding.decode(part[part.index(after: equals)...])
            )
        }
    }
}
