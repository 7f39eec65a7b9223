import AWSCore
import AWSSigner
import DataChannel
import Foundation
import Synchronization

/// Runs one Session Manager data channel to its end: opens the WebSocket (signed upgrade,
/// then the text open frame), drives a ``ChannelStateMachine`` with the agent's frames and a
/// 100 ms tick, feeds the output through an ``OutputCleaner`` to `output`, and returns the
/// command's exit status, or why there is none.
public struct DataChannelSession: Sendable {
    /// The ExecuteCommand session: stream URL and token.
    public var streamURL: String
    public var token: String
    public var marker: ExitMarker
    /// Signs the upgrade; nil sends it unsigned (old plugins did).
    public var signer: UpgradeSigner?
    /// Receives protocol events for `--debug`; never tokens or keys.
    public var debug: (@Sendable (String) -> Void)?
    /// How long to wait for `channel_closed` once the exit status has arrived.
    public var closeGrace: Duration = .seconds(1)
    /// Bytes sent to the command's standard input (none by default).
    public var input: [UInt8] = []
    /// Set for an interactive session (`ecsnodes shell`): its terminal size and live input,
    /// instead of ``input``.
    public var interactive: InteractiveSession?
    /// How often a session without live input sends its terminal size again: client input,
    /// which resets Session Manager's 20-minute idle timer (the command's output does not),
    /// so a long or quiet command is not cut off. The size is unchanged, so the command sees
    /// nothing. nil never; an interactive session never (its user's input counts).
    public var idleRefresh: Duration? = .seconds(300)
    /// Gets a KMS data key of 64 bytes under the given key id, for a KMS-encrypted session
    /// (the encryption context is the caller's: it knows the session and target ids; a newer
    /// agent's random challenge, when it sent one, must go in as `aws:ssm:RandomChallenge`).
    /// nil ends such a session with an error. Throw ``SessionError/kms(_:)`` for a readable message.
    public var generateDataKey: (@Sendable (_ keyId: String, _ randomChallenge: String?) async throws -> KMSClient.DataKey)?

    public init(streamURL: String, token: String, marker: ExitMarker, signer: UpgradeSigner?,
                debug: (@Sendable (String) -> Void)? = nil) {
        self.streamURL = streamURL
        self.token = token
        self.marker = marker
        self.signer = signer
        self.debug = debug
    }

    /// How a session ended.
    public struct Outcome: Sendable, Hashable {
        /// The status the wrapper reported; nil when the session ended without it.
        public var exitStatus: Int32?
        /// Why there is no status (or what went wrong after it).
        public var error: SessionError?
        /// Whether the wrapper started (its begin line arrived).
        public var started: Bool
        public var statistics: ChannelStatistics
    }

    /// Connects through `transport` and runs the session; `output` gets the command's bytes in order.
    public func run(transport: any WebSocketTransport, output: @escaping @Sendable ([UInt8]) async -> Void) async throws -> Outcome {
        let headers = try signer?.headers(for: streamURL) ?? []
        debug?("connecting to \(Self.redactedURL(streamURL))\(signer == nil ? " (unsigned)" : " (SigV4-signed upgrade, service ssmmessages)")")
        return try await transport.withConnection(WebSocketRequest(url: streamURL, headers: headers)) { connection in
            let open = OpenDataChannelInput(requestId: UUID().uuidString.lowercased(), tokenValue: token,
                                            clientId: UUID().uuidString.lowercased(), clientVersion: ChannelStateMachine.clientVersion)
            try await connection.send(.text(String(decoding: PayloadJSON.encode(open), as: UTF8.self)))
            debug?("→ open data channel (MessageSchemaVersion 1.0, ClientVersion \(ChannelStateMachine.clientVersion), token not shown)")
            return try await drive(connection, output: output)
        }
    }

    /// The state shared by the reading task and the ticking one.
    final class Shared: Sendable {
        struct State {
            var machine: ChannelStateMachine
            var cleaner: OutputCleaner
            var finishedAt: ContinuousClock.Instant?
            var error: SessionError?
        }
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private func drive(_ connection: any WebSocketConnection, output: @escaping @Sendable ([UInt8]) async -> Void) async throws -> Outcome {
        var machine = ChannelStateMachine(logging: debug != nil, size: interactive?.size ?? ChannelStateMachine.terminalSize)
        let initial = machine.input(input, now: .now)
        let shared = Shared(.init(machine: machine, cleaner: OutputCleaner(marker: marker)))
        try await perform(initial, connection, shared, output)
        let closeGrace = self.closeGrace
        let ending = try await withThrowingTaskGroup(of: SessionError?.self) { group in
            group.addTask {
                do {
                    for try await message in connection.inbound {
                        guard case .binary(let frame) = message else { continue }
                        let actions = shared.state.withLock { $0.machine.receive(frame, now: .now) }
                        if let end = try await perform(actions, connection, shared, output) { return end }
                    }
                    return .lost("the connection closed without channel_closed" + (connection.closeCode.map { " (close code \($0))" } ?? ""))
                } catch let error as WebSocketError {
                    return .lost("\(error)")
                }
            }
            if let stream = interactive?.input {
                group.addTask {
                    for await event in stream {
                        let actions = shared.state.withLock { state in
                            switch event {
                            case .bytes(let bytes): state.machine.input(bytes, now: .now)
                            case .resize(let size): state.machine.resize(size, now: .now)
                            }
                        }
                        if let end = try await perform(actions, connection, shared, output) { return end }
                    }
                    // The input ended; the session goes on until the remote end closes it.
                    while true { try await Task.sleep(for: .seconds(3600)) }
                }
            }
            // Retransmission, the close grace and, without live input, the idle-timer refresh.
            let idleRefresh = interactive == nil ? self.idleRefresh : nil
            group.addTask {
                var refreshed = ContinuousClock.now
                while true {
                    try await Task.sleep(for: .milliseconds(100))
                    let now = ContinuousClock.now
                    let refresh = idleRefresh.map { now - refreshed >= $0 } ?? false
                    if refresh { refreshed = now }
                    let (actions, graceOver) = shared.state.withLock { state in
                        (state.machine.tick(now: now) + (refresh ? state.machine.resize(ChannelStateMachine.terminalSize, now: now) : []),
                         state.finishedAt.map { now - $0 > closeGrace } ?? false)
                    }
                    if let end = try await perform(actions, connection, shared, output) { return end }
                    if graceOver { return nil }
                }
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        let tail = shared.state.withLock { $0.cleaner.finish() }
        if !tail.isEmpty { await output(tail) }
        return shared.state.withLock { state in
            let status = state.cleaner.exitStatus
            var error = state.error ?? ending
            if status != nil, case .lost? = error { error = nil }
            if status == nil, error == nil { error = .lost("the session ended without the command's exit status") }
            if status == nil, !state.cleaner.started, case .lost(let detail)? = error {
                let said = String(decoding: state.cleaner.preamble, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                error = .lost("the command never started (\(detail))" + (said.isEmpty ? "" : "; the container said: \(said.prefix(300))"))
            }
            return Outcome(exitStatus: status, error: error, started: state.cleaner.started, statistics: state.machine.statistics)
        }
    }

    /// Carries out `actions`; returns how the session ends when one of them ends it.
    @discardableResult
    private func perform(_ actions: [ChannelStateMachine.Action], _ connection: any WebSocketConnection, _ shared: Shared,
                         _ output: @Sendable ([UInt8]) async -> Void) async throws -> SessionError?? {
        if let debug {
            for line in shared.state.withLock({ $0.machine.takeLog() }) { debug(line) }
        }
        for action in actions {
            switch action {
            case .send(let message, _):
                try await connection.send(.binary(message.encoded()))
            case .output(let bytes):
                let clean = shared.state.withLock { state in
                    let clean = state.cleaner.consume(bytes)
                    if state.cleaner.finished, state.finishedAt == nil { state.finishedAt = .now }
                    return clean
                }
                if !clean.isEmpty { await output(clean) }
            case .closed(let reason):
                return .some(reason.isEmpty ? nil : .lost("the session was closed: \(reason)"))
            case .fail(let error):
                shared.state.withLock { $0.error = error }
                return .some(error)
            case .generateDataKey(let keyId, let randomChallenge):
                let result: Result<ChannelStateMachine.DataKey, SessionError>
                if let generateDataKey {
                    do {
                        let key = try await generateDataKey(keyId, randomChallenge)
                        result = .success(.init(plaintext: key.plaintext, ciphertextBlob: key.ciphertextBlob))
                    } catch let error as SessionError {
                        result = .failure(error)
                    } catch {
                        result = .failure(.kms("kms:GenerateDataKey with key \(keyId) failed: \(error)"))
                    }
                } else {
                    result = .failure(.kms("the cluster encrypts sessions with KMS key \(keyId), but no KMS client is configured"))
                }
                let next = shared.state.withLock { $0.machine.dataKey(result, now: .now) }
                if let end = try await perform(next, connection, shared, output) { return end }
            }
        }
        return nil
    }

    /// The URL without its query (which may hold routing details), for logs.
    static func redactedURL(_ url: String) -> String {
        url.firstIndex(of: "?").map { String(url[..<$0]) + "?…" } ?? url
    }
}
