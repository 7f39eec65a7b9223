import CCurl

extension CurlTransfer {
    /// The CURLOPT_HTTPHEADER lines that make libcurl send exactly `request`'s headers.
    ///
    /// libcurl adds headers of its own unless told otherwise: `Accept: */*` always,
    /// `Expect: 100-continue` for larger bodies, `Content-Type: application/x-www-form-urlencoded`
    /// with CURLOPT_POSTFIELDS. A line `Name:` with nothing after the colon removes such a header,
    /// so one goes in for each the caller did not give. A caller's header with an empty value is
    /// written `Name;`, libcurl's spelling for "send it empty". `Host` (with the port when it is
    /// not the scheme's default) and `Content-Length` stay: they are the request's own.
    static func headerLines(for request: HTTPRequest, sendsBody: Bool) throws(CurlError) -> [String] {
        guard isToken(request.method) else {
            throw .invalidRequest(reason: "the method is not an HTTP token", url: CurlError.redacted(request.url))
        }
        guard !request.url.utf8.contains(0) else {
            throw .invalidRequest(reason: "the URL contains a NUL byte", url: CurlError.redacted(request.url))
        }
        var lines: [String] = []
        var given: Set<String> = []
        for (name, value) in request.headers {
            guard isToken(name) else {
                throw .invalidRequest(reason: "a header name is not an HTTP token", url: CurlError.redacted(request.url))
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw .invalidRequest(reason: "the value of \(name) contains a line break or NUL", url: CurlError.redacted(request.url))
            }
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
            given.insert(name.lowercased())
        }
        if !given.contains("accept") { lines.append("Accept:") }
        if !given.contains("expect") { lines.append("Expect:") }
        if sendsBody && !given.contains("content-type") { lines.append("Content-Type:") }
        return lines
    }

    /// Whether `text` is an RFC 9110 token, the syntax of methods and header names.
    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    /// Takes one header line from CURLOPT_HEADERFUNCTION.
    ///
    /// A status line starts a new header block (after a 1xx, a proxy's CONNECT reply or a
    /// redirect that is not followed), so what was collected before is dropped.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = trimmed(bytes[...], dropping: [0x0D, 0x0A])
        if line.starts(with: "HTTP/".utf8) {
            responseHeaders.removeAll()
        } else if line.first == 0x20 || line.first == 0x09, !responseHeaders.isEmpty {
            // An obsolete folded line continues the previous value.
            let more = String(decoding: trimmed(line, dropping: [0x20, 0x09]), as: UTF8.self)
            responseHeaders[responseHeaders.count - 1].value += " " + more
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = trimmed(line[(colon + 1)...], dropping: [0x20, 0x09])
            responseHeaders.append((name: name, value: String(decoding: value, as: UTF8.self)))
        }
    }

    /// `bytes` without leading and trailing bytes from `unwanted`.
    private func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, dropping unwanted: Set<UInt8>) -> Slice<UnsafeRawBufferPointer> {
        var slice = bytes
        while let first = slice.first, unwanted.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, unwanted.contains(last) { slice = slice.dropLast() }
        return slice
    }
}
