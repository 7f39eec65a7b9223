import AWSSigner

/// Parses the raw HTTP/1.1 requests of the SigV4 test suite (`.req` files) into
/// ``SignableRequest`` values, with the suite's quirks (see Fixtures/README-sigv4-testsuite.md):
///
/// - the request line may hold a raw space in the path, so it is split on its first space
///   (method) and its *last* space (protocol);
/// - a line starting with a space or tab continues the previous header (obsolete folding);
///   it is kept with its line break, for the signer to unfold;
/// - empty lines inside the head (a trailing `\n`) are ignored;
/// - the body is everything after the first empty line.
enum RawHTTPRequest {
    /// Why a suite request could not be parsed.
    enum ParseError: Error, Equatable {
        /// The request line is not `METHOD target PROTOCOL`.
        case badRequestLine(String)
        /// A header line has no `:`.
        case badHeaderLine(String)
        /// A continuation line comes before any header.
        case continuationWithoutHeader(String)
        /// There is no `Host` header to build the URL from.
        case missingHost
    }

    static func parse(_ text: String) throws -> SignableRequest {
        var head = Substring(text)
        var body = Substring()
        if let blank = text.firstRange(of: "\n\n") {
            head = text[..<blank.lowerBound]
            body = text[blank.upperBound...]
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "),
              let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace else {
            throw ParseError.badRequestLine(String(requestLine))
        }
        let method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]

        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw ParseError.continuationWithoutHeader(String(line)) }
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw ParseError.badHeaderLine(String(line)) }
            headers.append((name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        }
        guard let host = headers.first(where: { $0.name.lowercased() == "host" })?.value else {
            throw ParseError.missingHost
        }
        return try SignableRequest(
            method: method,
            url: "https://\(host)\(target)",
            headers: headers,
            body: Array(body.utf8)
        )
    }
}
