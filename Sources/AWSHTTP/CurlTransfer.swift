import CCurl

/// One request in flight: the memory its easy handle points into, and the response so far.
///
/// The caller creates it and hands it to the curl thread through the inbox; from then on only
/// the curl thread touches it (callbacks included), so it is safe to mark `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    let id: UInt64
    let url: String
    private let method: String
    private let timeout: Duration?
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    /// Header lines for CURLOPT_HTTPHEADER; libcurl reads them until the handle is reset.
    private let headerList: UnsafeMutablePointer<curl_slist>?
    /// The body for CURLOPT_POSTFIELDS (never a null pointer, which would mean "read callback"),
    /// or nil for a GET or HEAD without a body.
    private let postFields: (bytes: UnsafeMutableRawBufferPointer, count: Int)?
    /// CURLOPT_ERRORBUFFER: libcurl's detailed message for a failure.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// The response headers so far; emptied on each new status line.
    var responseHeaders: [(name: String, value: String)] = []
    /// The response body so far.
    var responseBody: [UInt8] = []

    /// Prepares `request`; throws ``CurlError/invalidRequest(reason:url:)`` if it cannot be sent as given.
    init(id: UInt64, request: HTTPRequest, continuation: CheckedContinuation<HTTPResponse, any Error>) throws(CurlError) {
        let isBodiless = request.method == "HEAD" || (request.method == "GET" && request.body.isEmpty)
        let lines = try Self.headerLines(for: request, sendsBody: !isBodiless)
        self.id = id
        self.url = request.url
        self.method = request.method
        self.timeout = request.timeout
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)
        headerList = lines.reduce(nil) { list, line in curl_slist_append(list, line) }
        if isBodiless {
            postFields = nil
        } else {
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, request.body.count), alignment: 1)
            bytes.copyBytes(from: request.body)
            postFields = (bytes, request.body.count)
        }
    }

    deinit {
        curl_slist_free_all(headerList)
        postFields?.bytes.deallocate()
        errorBuffer.deallocate()
    }

    /// Sets every option of `easy` for this transfer; returns the first code libcurl refused.
    ///
    /// `easy` must stay in use only while this transfer is alive: it points into its memory.
    func configure(_ easy: UnsafeMutableRawPointer, with configuration: CurlClient.Configuration) -> CURLcode {
        var result = CURLE_OK
        func check(_ code: CURLcode) { if result == CURLE_OK { result = code } }

        check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        check(ccurl_easy_setopt_string(easy, CURLOPT_URL, url))
        check(ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        // HTTP/2 when the server offers it during the TLS handshake (ALPN), else HTTP/1.1.
        // CURLOPT_PIPEWAIT stays off: a transfer waiting to learn whether it may multiplex
        // sits in libcurl's own queue, which is what CurlLoop avoids.
        check(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        // Verification is always on; deliberately there is no option to turn it off.
        // VERIFYHOST 2 is the documented "check the name" value (1 means the same since 7.66).
        check(ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1))
        check(ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2))
        check(ccurl_easy_setopt_long(easy, CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2)))
        if let caBundle = configuration.caBundle {
            check(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caBundle))
        }
        check(ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds))
        check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, (timeout ?? configuration.timeout).curlMilliseconds))

        if method == "HEAD" {
            check(ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if let postFields {
            // POSTFIELDS makes it a POST; CUSTOMREQUEST only renames the method on the wire.
            check(ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(postFields.count)))
            check(ccurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, postFields.bytes.baseAddress))
            if method != "POST" { check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method)) }
        } else {
            check(ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        }
        check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))

        let context = Unmanaged.passUnretained(self).toOpaque()
        check(ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION, receiveHeader))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        check(ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION, receiveBody))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        return result
    }

    /// Resumes the caller with the response, or with the error for `code`.
    func complete(_ code: CURLcode, easy: UnsafeMutableRawPointer) {
        guard code == CURLE_OK else {
            return resume(throwing: CurlError.transfer(code, detail: String(cString: errorBuffer), url: url))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        resume(returning: HTTPResponse(status: status, headers: responseHeaders, body: responseBody))
    }

    /// Resumes the caller with `response`; later resumptions are ignored.
    func resume(returning response: HTTPResponse) {
        continuation?.resume(returning: response)
        continuation = nil
    }

    /// Resumes the caller with `error`; later resumptions are ignored.
    func resume(throwing error: any Error) {
        continuation?.resume(throwing: error)
        continuation = nil
    }
}

/// CURLOPT_WRITEFUNCTION: appends a piece of the body (a capture-less closure, so a C pointer).
private let receiveBody: curl_write_callback = { data, size, count, context in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    transfer.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

/// CURLOPT_HEADERFUNCTION: one whole header line at a time, status lines included.
private let receiveHeader: curl_write_callback = { data, size, count, context in
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
