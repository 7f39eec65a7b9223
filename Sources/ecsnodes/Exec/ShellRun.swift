#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import AWSHTTP
@preconcurrency import Dispatch
import DataChannel
import Executor
import Foundation
import NodeModel

/// An interactive session with one node (`ecsnodes shell`, `ecsnodes exec -it`): the local
/// terminal in raw mode, keystrokes and resizes forwarded, the remote terminal's bytes
/// written to standard output unchanged, and the remote command's exit status returned.
///
/// The command runs under the interactive marker wrapper (``CommandWrapper/interactiveCommandLine(for:)``),
/// which reports its status without touching the terminal's settings. When standard input is
/// not a terminal (scripts), nothing is put in raw mode, and its end is passed on as one
/// Ctrl-D (0x04), which ends a shell waiting at its prompt.
struct ShellRun {
    let node: Node
    let command: String
    let source: SourceOptions
    let preflight: Bool
    let debug: Bool

    /// Runs the session; returns the exit status for ecsnodes (the remote one when known).
    func run() async throws -> Int32 {
        if preflight, let reason = Preflight.check(node) {
            Terminal.diagnostic("error: \(node.name): \(reason)\n")
            return ExitStatus.nodesSkipped.rawValue
        }
        let target: ExecTarget
        switch ExecTarget.of(node) {
        case .success(let found): target = found
        case .failure(let reason):
            Terminal.diagnostic("error: \(node.name): \(reason)\n")
            return ExitStatus.nodesSkipped.rawValue
        }
        let log: (@Sendable (String, String) -> Void)? = debug ? { @Sendable _, line in
            Terminal.error("debug: \(line)" + (RawTerminal.isRaw ? "\r\n" : "\n"))
        } : nil
        let setup = try await ExecSetup(options: source, parallel: 1, debug: log)
        defer { setup.transport.close() }

        let signals = Self.restoreOnSignals()
        defer { RawTerminal.restore() }
        let size = RawTerminal.size() ?? SizeContent(cols: 300, rows: 100)
        let terminal = RawTerminal.enter()
        let (input, continuation) = AsyncStream.makeStream(of: InteractiveInput.self)
        Self.readInput(into: continuation, terminal: terminal)
        let resize = Self.watchResizes(into: continuation)
        let result = await setup.runner.run(command, on: target, interactive: InteractiveSession(size: size, input: input)) { bytes in
            Self.writeOutput(bytes)
        }
        continuation.finish()
        resize.cancel()
        RawTerminal.restore()
        withExtendedLifetime(signals) {}
        switch result.status {
        case .ok: return 0
        case .failed(let status): return status
        case .lost(let message), .error(let message):
            Terminal.diagnostic("\nerror: \(node.name): \(message)\n")
            return ExitStatus.nodesLost.rawValue
        case .skipped(let reason):
            Terminal.diagnostic("error: \(node.name): \(reason)\n")
            return ExitStatus.nodesSkipped.rawValue
        }
    }

    /// Writes all of `bytes` to standard output, unbuffered.
    static func writeOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Reads standard input on a thread of its own, in chunks of at most 1024 bytes; at its
    /// end (only when it is not a terminal) sends one Ctrl-D and ends the stream.
    static func readInput(into continuation: AsyncStream<InteractiveInput>.Continuation, terminal: Bool) {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, 1024) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                continuation.yield(.bytes(Array(buffer[..<count])))
            }
            if !terminal { continuation.yield(.bytes([0x04])) }
            continuation.finish()
        }
        thread.start()
    }

    /// Sends the new size on every SIGWINCH.
    static func watchResizes(into continuation: AsyncStream<InteractiveInput>.Continuation) -> any DispatchSourceSignal {
        signal(SIGWINCH, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler {
            if let size = RawTerminal.size() { continuation.yield(.resize(size)) }
        }
        source.resume()
        return source
    }

    /// SIGINT, SIGTERM and SIGHUP put the terminal back and end ecsnodes with 128 + the signal.
    /// (In raw mode Ctrl-C does not raise SIGINT: it is sent to the remote terminal as 0x03.)
    static func restoreOnSignals() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                RawTerminal.restore()
                Terminal.error("\necsnodes: \(number == SIGINT ? "interrupted" : "terminated"); the session was left\n")
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}
