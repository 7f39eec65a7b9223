extension CurlClient {
    /// How a ``CurlClient`` connects. TLS certificate and host-name verification are always on.
    public struct Configuration: Sendable {
        /// The most requests running, and connections open, at once; further requests wait
        /// in order for one to finish.
        public var maxConnections: Int
        /// The time a connection (TCP and TLS handshake) may take.
        public var connectTimeout: Duration
        /// The time a request may take from its turn to run to its last byte, unless
        /// ``HTTPRequest/timeout`` says otherwise.
        public var timeout: Duration
        /// A PEM file of CA certificates to trust instead of the system's
        /// (`AWS_CA_BUNDLE`, `--ca-bundle`).
        public var caBundle: String?

        public init(
            maxConnections: Int = 8,
            connectTimeout: Duration = .seconds(10),
            timeout: Duration = .seconds(60),
            caBundle: String? = nil
        ) {
            self.maxConnections = maxConnections
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.caBundle = caBundle
        }
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        return Int(min(max(milliseconds.rounded(.up), 1), Double(Int32.max)))
    }
}
