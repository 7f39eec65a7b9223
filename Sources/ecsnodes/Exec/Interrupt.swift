@preconcurrency import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT (Ctrl-C) into the cancellation of one task, so sessions end cleanly (their
/// WebSockets closed) and the summary is still printed.
final class Interrupt {
    private let source: any DispatchSourceSignal

    /// Cancels `task` on the first SIGINT; a second one exits at once with 130.
    init(cancelling task: Task<some Sendable, some Error>) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Mutex(0)
        source.setEventHandler {
            let seen = count.withLock { count in
                count += 1
                return count
            }
            if seen > 1 { exit(130) }
            Terminal.error("\ninterrupted: closing the sessions (Ctrl-C again to quit at once)\n")
            task.cancel()
        }
        source.resume()
        self.source = source
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
