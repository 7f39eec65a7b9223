import AWSCore
import AWSHTTP
import AWSSigner
import Foundation

/// Runs one command in one container: ExecuteCommand (retried when throttled), then the data
/// channel, the command wrapped so its exit status comes back (``CommandWrapper``).
public struct NodeRunner: Sendable {
    /// The ECS client for a region.
    public var ecs: @Sendable (String) -> ECSClient
    /// Credentials that sign the data channel's upgrade; nil leaves it unsigned.
    public var credentials: (any CredentialProvider)?
    public var transport: any WebSocketTransport
    /// Gets protocol events (`--debug`) as (node, line); never secrets.
    public var debug: (@Sendable (String, String) -> Void)?

    public init(ecs: @escaping @Sendable (String) -> ECSClient, credentials: (any CredentialProvider)?,
                transport: any WebSocketTransport, debug: (@Sendable (String, String) -> Void)? = nil) {
        self.ecs = ecs
        self.credentials = credentials
        self.transport = transport
        self.debug = debug
    }

    /// Runs `command` on `target`; `output` gets the command's bytes in order. Never throws:
    /// every failure becomes the result's status.
    public func run(_ command: String, on target: ExecTarget, output: @escaping @Sendable ([UInt8]) async -> Void) async -> NodeResult {
        let start = ContinuousClock.now
        let node = target.node
        let log = debug.map { debug in { @Sendable (line: String) in debug(node, line) } }
        let marker = ExitMarker()
        let session: ECS.Session
        do {
            let request = ECS.ExecuteCommandRequest(cluster: target.cluster, container: target.container,
                                                    command: CommandWrapper(marker: marker).commandLine(for: command), task: target.task)
            log?("ecs:ExecuteCommand task \(target.task) container \(target.container)")
            let response = try await ecs(target.region).executeCommand(request)
            guard let answered = response.session, answered.streamUrl != nil, answered.tokenValue != nil else { throw SessionError.noSession }
            session = answered
            log?("session \(answered.sessionId ?? "?") started")
        } catch {
            return NodeResult(node: node, status: Task.isCancelled ? .lost("interrupted") : .error(Self.describe(error)),
                              duration: .now - start)
        }
        do {
            var signer: UpgradeSigner?
            if let credentials, let keys = try await credentials.credentials() {
                signer = UpgradeSigner(credentials: keys, region: target.region)
            }
            let channel = DataChannelSession(streamURL: session.streamUrl ?? "", token: session.tokenValue ?? "", marker: marker,
                                             signer: signer, debug: log)
            let outcome = try await channel.run(transport: transport, output: output)
            let duration = ContinuousClock.now - start
            if let status = outcome.exitStatus {
                return NodeResult(node: node, status: status == 0 ? .ok : .failed(status), duration: duration, statistics: outcome.statistics)
            }
            let text = outcome.error.map { "\($0)" } ?? "the session ended without the command's exit status"
            // Without the wrapper's begin line the command never ran: the node could not be reached.
            let status: NodeResult.Status = Task.isCancelled ? .lost("interrupted") : outcome.started ? .lost(text) : .error(text)
            return NodeResult(node: node, status: status, duration: duration, statistics: outcome.statistics)
        } catch {
            let status: NodeResult.Status = if Task.isCancelled {
                .lost("interrupted")
            } else if error is WebSocketError {
                .error(Self.describe(error))
            } else {
                .lost(Self.describe(error))
            }
            return NodeResult(node: node, status: status, duration: .now - start)
        }
    }

    /// One line (plus a hint line for AWS errors) that never holds a secret.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as AWSError: error.description.replacingOccurrences(of: "\n", with: "; ")
        case let error as WebSocketError: "data channel: \(error)"
        case let error as CurlError: "\(error) (check the network and --endpoint-url)"
        default: "\(error)"
        }
    }
}
