import Synchronization

/// An ``HTTPTransport`` over libcurl: one multi handle, driven by one thread of its own.
///
/// Requests share the multi handle's connection cache, so connections are kept alive and
/// reused. At most ``Configuration/maxConnections`` requests run at once, each on a
/// connection of its own or, when the server offers HTTP/2, sharing one; the others wait
/// their turn in order, and their timeouts start with their turn. Redirects are returned,
/// not followed. TLS peers are always verified, against ``Configuration/caBundle`` if set,
/// else the system's CA store.
///
/// Proxies: CURLOPT_PROXY is never set, so libcurl reads `http_proxy` (lower case only),
/// `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY` and `no_proxy`/`NO_PROXY` itself.
///
/// `@unchecked Sendable` is safe: the only state is immutable or synchronised (an `Atomic`
/// counter, and the ``CurlLoop`` whose inbox is a `Mutex`); libcurl itself is only ever
/// called from the loop's thread.
public final class CurlClient: HTTPTransport, @unchecked Sendable {
    /// The settings given at creation.
    public let configuration: Configuration
    private let loop: CurlLoop
    private let nextID = Atomic<UInt64>(1)

    /// Whether the caller's request or its cancellation got there first. `onCancel` may run
    /// before the operation (the task was already cancelled) or while it runs.
    private enum Registration {
        case waiting
        case submitted(UInt64)
        case cancelled
    }

    /// Starts the client's thread; call ``close()`` (or drop the last reference) to stop it.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.loop = CurlLoop(configuration: configuration)
    }

    deinit {
        loop.close()
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Throws ``CurlError`` when no response could be had, and `CancellationError` at once
    /// when the calling task is cancelled first; the transfer is then removed from the multi
    /// handle, which closes its HTTP/1.1 connection or resets its HTTP/2 stream.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let registration = Mutex(Registration.waiting)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let id = nextID.add(1, ordering: .relaxed).oldValue
                let transfer: CurlTransfer
                do {
                    transfer = try CurlTransfer(id: id, request: request, continuation: continuation)
                } catch {
                    return continuation.resume(throwing: error)
                }
                // Queued under the registration lock, so a cancel is always queued after it.
                let queued = registration.withLock { state -> Bool? in
                    guard case .waiting = state else { return nil }
                    state = .submitted(id)
                    return loop.submit(.start(transfer))
                }
                switch queued {
                case nil: transfer.resume(throwing: CancellationError())
                case false?: transfer.resume(throwing: CurlError.closed(url: CurlError.redacted(request.url)))
                case true?: break
                }
            }
        } onCancel: {
            let id = registration.withLock { state -> UInt64? in
                defer { state = .cancelled }
                guard case .submitted(let id) = state else { return nil }
                return id
            }
            if let id { _ = loop.submit(.cancel(id)) }
        }
    }

    /// Stops the client: requests still in flight fail with ``CurlError/closed(url:)``, and
    /// its thread cleans libcurl's handles up and ends. Later requests fail the same way.
    public func close() {
        loop.close()
    }
}
