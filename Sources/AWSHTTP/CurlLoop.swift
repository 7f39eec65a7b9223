import CCurl
import Foundation  // Thread
import Synchronization

/// The curl thread: one multi handle, and every libcurl call made on it.
///
/// Other threads only append commands to `inbox` under its mutex and call
/// `curl_multi_wakeup`, the one multi-handle function libcurl documents as callable from any
/// thread. They call it while holding the mutex, and the thread only cleans the multi handle
/// up after it saw `closing` under the same mutex, so a wakeup never reaches a freed handle.
/// Everything else (`running`, `waiting`, `idleHandles`, the transfers) is touched by the curl
/// thread alone. That is why this class can be `@unchecked Sendable`.
final class CurlLoop: @unchecked Sendable {
    /// Work for the curl thread.
    enum Command {
        /// Run the transfer as soon as fewer than `maxConnections` are running.
        case start(CurlTransfer)
        /// Abandon the transfer with this id, if it is still waiting or running.
        case cancel(UInt64)
    }

    private struct Inbox {
        var commands: [Command] = []
        var closing = false
    }

    private let multi: UnsafeMutableRawPointer
    private let configuration: CurlClient.Configuration
    private let limit: Int
    private let inbox = Mutex(Inbox())
    /// Transfers in the multi handle, by easy handle; never more than `limit`.
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Transfers waiting for a place in `running`, oldest first.
    private var waiting: [CurlTransfer] = []
    /// Reset easy handles kept for reuse; each keeps its TLS session cache.
    private var idleHandles: [UnsafeMutableRawPointer] = []

    /// Creates the multi handle and starts the thread, which keeps the loop alive until closed.
    init(configuration: CurlClient.Configuration) {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        self.configuration = configuration
        self.limit = max(1, configuration.maxConnections)
        // Transfers are admitted `limit` at a time (see `admitWaiting`), so these only bound
        // what libcurl could otherwise open or keep: it never has to queue a transfer itself.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, limit)
        let thread = Thread { [self] in run() }
        thread.name = "curl"
        thread.start()
    }

    /// Queues `command` for the curl thread; false if the loop is closing and dropped it.
    func submit(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closing else { return false }
            inbox.commands.append(command)
            curl_multi_wakeup(multi)
            return true
        }
    }

    /// Asks the thread to fail what is pending with ``CurlError/closed(url:)``, clean up and end.
    func close() {
        inbox.withLock { inbox in
            guard !inbox.closing else { return }
            inbox.closing = true
            curl_multi_wakeup(multi)
        }
    }

    // MARK: On the curl thread

    private func run() {
        var active: Int32 = 0
        while true {
            let (commands, closing) = inbox.withLock { inbox in
                defer { inbox.commands.removeAll() }
                return (inbox.commands, inbox.closing)
            }
            if closing { return shutDown(queued: commands) }
            for command in commands { handle(command) }
            admitWaiting()
            _ = curl_multi_perform(multi, &active)
            collectFinished()
            admitWaiting()
            // Returns at once on a wakeup, and when a timer of libcurl's is due (at once for a
            // transfer just added).
            _ = curl_multi_poll(multi, nil, 0, 1_000, nil)
        }
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let transfer):
            waiting.append(transfer)
        case .cancel(let id):
            if let (easy, transfer) = running.first(where: { $0.value.id == id }) {
                finish(transfer, easy: easy) { $0.resume(throwing: CancellationError()) }
            } else if let index = waiting.firstIndex(where: { $0.id == id }) {
                waiting.remove(at: index).resume(throwing: CancellationError())
            }
        }
    }

    /// Starts waiting transfers, oldest first, while fewer than `limit` run.
    ///
    /// Queueing here rather than in libcurl keeps each transfer's timeouts from running while
    /// it waits: libcurl counts them from when a transfer is added, connected or not.
    private func admitWaiting() {
        while running.count < limit, !waiting.isEmpty {
            start(waiting.removeFirst())
        }
    }

    private func start(_ transfer: CurlTransfer) {
        guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
            return transfer.resume(throwing: CurlError.transfer(CURLE_OUT_OF_MEMORY, url: transfer.url))
        }
        running[easy] = transfer
        let code = transfer.configure(easy, with: configuration)
        guard code == CURLE_OK else {
            return finish(transfer, easy: easy, added: false) { $0.complete(code, easy: easy) }
        }
        let added = curl_multi_add_handle(multi, easy)
        guard added == CURLM_OK else {
            let detail = String(cString: curl_multi_strerror(added))
            return finish(transfer, easy: easy, added: false) {
                $0.resume(throwing: CurlError.transfer(CURLE_FAILED_INIT, detail: detail, url: $0.url))
            }
        }
    }

    /// Hands every completed transfer its result.
    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = running[easy] else { continue }
            let code = message.pointee.data.result
            finish(transfer, easy: easy) { $0.complete(code, easy: easy) }
        }
    }

    /// Calls `resume` while `easy` still holds the transfer's state, then detaches and
    /// resets `easy` (keeping it for reuse) before the transfer's memory can be freed.
    private func finish(
        _ transfer: CurlTransfer, easy: UnsafeMutableRawPointer, added: Bool = true,
        resume: (CurlTransfer) -> Void
    ) {
        resume(transfer)
        if added { _ = curl_multi_remove_handle(multi, easy) }
        curl_easy_reset(easy)
        running[easy] = nil
        if idleHandles.count < limit {
            idleHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
        }
    }

    /// Fails everything queued, waiting or running, and frees every libcurl handle.
    ///
    /// `queued` holds the last commands: once `closing` is set, `submit` adds no more.
    private func shutDown(queued: [Command]) {
        for case .start(let transfer) in queued { waiting.append(transfer) }
        let closed = { (transfer: CurlTransfer) in
            transfer.resume(throwing: CurlError.closed(url: CurlError.redacted(transfer.url)))
        }
        waiting.forEach(closed)
        waiting.removeAll()
        for (easy, transfer) in running { finish(transfer, easy: easy, resume: closed) }
        idleHandles.forEach { curl_easy_cleanup($0) }
        idleHandles.removeAll()
        curl_multi_cleanup(multi)
    }
}
