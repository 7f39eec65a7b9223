/// Stage 1's result: the canonical request text and the names of the signed headers.
///
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
/// ("Create a canonical request").
struct CanonicalRequest: Sendable {
    /// Headers never signed: `authorization` is the signature itself, and the others may be
    /// added or rewritten by transports and proxies on the way.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id"]

    /// The six lines joined by `\n`: method, URI, query, headers (each ending in `\n`),
    /// signed header names, payload hash.
    var text: String
    /// The lower-case header names joined by `;`, sorted: `content-type;host;x-amz-date`.
    var signedHeaders: String

    /// Builds the canonical form of `request`, which already carries every header to sign
    /// except perhaps `Host` (taken from ``SignableRequest/authority`` when missing).
    init(_ request: SignableRequest, payloadHash: String, normalizesPath: Bool) {
        var headers = request.headers
        if request.headerValues("host").isEmpty {
            headers.append((name: "host", value: request.authority))
        }
        let (headerBlock, signedHeaders) = Self.canonicalHeaders(headers)
        self.signedHeaders = signedHeaders
        text = [
            request.method,
            Self.canonicalURI(request.path, normalizing: normalizesPath),
            Self.canonicalQuery(request.queryItems),
            headerBlock,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The path as sent, percent-encoded once more (AWS: "each path segment URI-encoded
    /// twice", the first time being the encoding on the wire), after removing `.` and `..`
    /// segments and empty segments from `//`. S3 (`normalizing` false) takes the path as it
    /// is, encoded exactly once.
    static func canonicalURI(_ path: String, normalizing: Bool) -> String {
        let path = path.isEmpty ? "/" : path
        guard normalizing else {
            return URIEncoding.encode(URIEncoding.decode(path), keepingSlashes: true)
        }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.map { URIEncoding.encode($0) }.joined(separator: "/")
        return path.hasSuffix("/") && !segments.isEmpty ? joined + "/" : joined
    }

    /// `name=value` pairs, both encoded, sorted by encoded name then encoded value, joined by
    /// `&`; repeated names are all kept. Empty when there is no query.
    static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        items
            .map { (name: URIEncoding.encode($0.name), value: URIEncoding.encode($0.value)) }
            .sorted { left, right in
                left.name == right.name
                    ? left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
                    : left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// One `name:value\n` line per header name, names lower-cased and sorted, the values of
    /// repeated headers joined by `,` in their original order; and the signed names.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (block: String, signed: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = canonicalValue(header.name).lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            values[name, default: []].append(canonicalValue(header.value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let block = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    /// `value` trimmed, with every run of spaces, tabs and line breaks (including the line
    /// breaks of an obsolete folded header) turned into one space.
    static func canonicalValue(_ value: String) -> String {
        value.unicodeScalars
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ")
    }
}
