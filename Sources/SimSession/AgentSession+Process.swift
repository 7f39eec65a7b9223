import DataChannel
import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

extension AgentSession {
    /// Starts the command after the agent's start delay.
    func scheduleStart() {
        phase = .starting
        let delay = faults.agentStartDelayMilliseconds
        guard delay > 0 else { return startProcess() }
        eventLoop.scheduleTask(in: .milliseconds(Int64(delay))) { [self] in startProcess() }
    }

    /// Spawns the command in a pty and reads the master through a pipe channel on this loop.
    private func startProcess() {
        guard phase == .starting else { return }
        let process: PTYProcess
        do {
            process = try PTYProcess.spawn(command: spec.command, workingDirectory: spec.workingDirectory,
                                           environment: spec.environment)
        } catch {
            return finish(reason: "failed to start the command: \(error)")
        }
        self.process = process
        NIOPipeBootstrap(group: eventLoop)
            .channelInitializer { [self] channel in
                eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PTYHandler(session: self))
                }
            }
            .takingOwnershipOfDescriptor(inputOutput: process.masterDescriptor)
            .whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    ptyAttached(channel)
                case .failure(let error):
                    close(process.masterDescriptor)
                    finish(reason: "failed to read the command's terminal: \(error)")
                }
            }
    }

    private func ptyAttached(_ channel: any Channel) {
        guard phase == .starting else {
            channel.close(promise: nil)
            return
        }
        pty = channel
        ptyStarted = true
        ptyOpen = true
        phase = .running
        // Input that arrived ahead of a message the pty was not up for.
        for message in incoming.drain(isReady: { _ in true }) { process(message) }
    }

    /// Bytes read from the pty: cut at UTF-8 boundaries into ≤ 1024-byte payloads.
    func ptyRead(_ bytes: [UInt8]) {
        guard phase == .running else { return }
        for chunk in chunker.append(bytes) {
            sendStreamData(chunk, payloadType: .output)
            guard phase == .running else { return }
        }
        if !ptyReadsPaused, outgoing.count >= settings.maxUnacknowledgedOutput {
            ptyReadsPaused = true
            pty?.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        }
    }

    /// Resumes pty reads once the unacknowledged output has fallen to a quarter of the limit.
    func resumePTYReadsIfDrained() {
        guard ptyReadsPaused, outgoing.count <= settings.maxUnacknowledgedOutput / 4, let pty else { return }
        ptyReadsPaused = false
        pty.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in pty.read() }
    }

    /// The pty reached EOF (EIO once no process holds the slave) or was closed.
    func ptyClosed() {
        guard ptyOpen else { return }
        trace("pty closed")
        ptyOpen = false
        pty = nil
        if phase == .running {
            for chunk in chunker.finish() { sendStreamData(chunk, payloadType: .output) }
        }
        pollProcess()
    }

    /// Feeds stdin to the pty.
    func writeToPTY(_ bytes: [UInt8]) {
        guard let pty, ptyOpen, !bytes.isEmpty else { return }
        pty.writeAndFlush(pty.allocator.buffer(bytes: bytes), promise: nil)
    }

    /// Reaps the process when it has exited; once it has and the pty is drained, the session
    /// drains its unacknowledged output. Polled every tick while the pty is closed, every
    /// fifth tick while it is open. A process that outlives its pty's EOF by 2 s (it closed
    /// its terminal) is killed; a pty that outlives its process by 300 ms (a background job
    /// holds it) is closed.
    func pollProcess() {
        guard let process, !processExited else { return checkDrained() }
        if ptyOpen && ticks % 5 != 0 { return }
        if let status = process.reap() {
            trace("process exited, wait status \(status)")
            processExited = true
            exitedAt = .now()
            return checkDrained()
        }
        if !ptyOpen {
            let since = ptyClosedAt ?? .now()
            ptyClosedAt = since
            if NIODeadline.now() - since > .seconds(2) { process.signalGroup(SIGKILL) }
        }
    }

    private func checkDrained() {
        guard processExited, phase == .running else { return }
        if ptyOpen {
            if let since = exitedAt, NIODeadline.now() - since > .milliseconds(300) {
                pty?.close(promise: nil)
            }
            return
        }
        phase = .draining
        trace("draining \(outgoing.count) unacknowledged")
        lastProgress = .now()
        if outgoing.isEmpty { finish(reason: nil) }
    }

    /// Kills the process group if it still runs, closes the pty and reaps the child.
    func stopProcess() {
        pty?.close(promise: nil)
        guard let process, !processExited else { return }
        process.signalGroup(SIGKILL)
        processExited = true
        Self.reap(process, on: eventLoop, attempts: 400)
    }

    /// Waits (without blocking the loop) for a killed child to be reaped.
    private static func reap(_ process: PTYProcess, on eventLoop: any EventLoop, attempts: Int) {
        guard process.reap() == nil, attempts > 0 else { return }
        eventLoop.scheduleTask(in: .milliseconds(5)) { reap(process, on: eventLoop, attempts: attempts - 1) }
    }
}
