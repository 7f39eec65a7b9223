import Dispatch
import Foundation
import Synchronization

/// Waits for the end of the run: SIGINT or SIGTERM, or the end of standard input when asked.
enum Termination {
    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Returns at the first SIGINT or SIGTERM, or, with `stopOnStdinEOF`, when standard input
    /// reaches its end (what is read is thrown away).
    static func wait(stopOnStdinEOF: Bool) async {
        let done = Mutex(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finish: @Sendable () -> Void = {
                let first = done.withLock { finished in
                    defer { finished = true }
                    return !finished
                }
                if first { continuation.resume() }
            }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler(handler: finish)
                source.resume()
                sources.append(source)
            }
            if stopOnStdinEOF {
                Thread.detachNewThread {
                    while !FileHandle.standardInput.availableData.isEmpty {}
                    finish()
                }
            }
        }
    }
}
