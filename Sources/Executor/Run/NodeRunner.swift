import AWSCore
import AWSHTTP
import AWSSigner
import DataChannel
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
    /// The KMS client for a region, for KMS-encrypted sessions; nil fails them.
    public var kms: (@Sendable (String) -> KMSClient)?
    /// How often a non-interactive session refreshes Session Manager's idle timer
    /// (``DataChannelSession/idleRefresh``).
    public var idleRefresh: Duration? = .seconds(300)

    public init(ecs: @escaping @Sendable (String) -> ECSClient, credentials: (any CredentialProvider)?,
                transport: any WebSocketTransport, debug: (@Sendable (String, String) -> Void)? = nil,
                kms: (@Sendable (String) -> KMSClient)? = nil) {
        self.ecs = ecs
        self.kms = kms
        self.credentials = credentials
        self.transport = transport
        self.debug = debug
    }

    /// Runs `command` on `target`; `output` gets the command's bytes in order. Never throws:
    /// every failure becomes the result's status.
    /// With `interactive`, the command keeps the terminal (``CommandWrapper/interactiveCommandLine(for:)``)
    /// and gets the live input and terminal sizes.
    public func run(_ command: String, on target: ExecTarget, interactive: InteractiveSession? = nil,
                    output: @escaping @Sendable ([UInt8]) async -> Void) async -> NodeResult {
        let start = ContinuousClock.now
        let node = target.node
        let log = debug.map { debug in { @Sendable (line: String) in debug(node, line) } }
        let marker = ExitMarker()
        let session: ECS.Session
        do {
            let request = ECS.ExecuteCommandRequest(cluster: target.cluster, container: target.container,
                                                    command: interactive == nil ? CommandWrapper(marker: marker).commandLine(for: command)
                                                        : CommandWrapper(marker: marker).interactiveCommandLine(for: command),
                                                    task: target.task)
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
            var channel = DataChannelSession(streamURL: session.streamUrl ?? "", token: session.tokenValue ?? "", marker: marker,
                                             signer: try await upgradeSigner(region: target.region), debug: log)
            channel.interactive = interactive
            channel.idleRefresh = idleRefresh
            if let kms {
                let client = kms(target.region), sessionId = session.sessionId ?? "", ecs = self.ecs
                channel.generateDataKey = { keyId, randomChallenge in
                    try await Self.generateDataKey(keyId: keyId, randomChallenge: randomChallenge, sessionId: sessionId, target: target,
                                                   kms: client, ecs: ecs(target.region), log: log)
                }
            }
            let outcome = try await open(channel, output: output, log: log)
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

    /// The signer of the upgrade: the current credentials, none without a provider.
    func upgradeSigner(region: String) async throws -> UpgradeSigner? {
        guard let credentials, let keys = try await credentials.credentials() else { return nil }
        return UpgradeSigner(credentials: keys, region: region)
    }

    /// Runs `channel`; an upgrade refused with 403 is signed again with fresh credentials and
    /// tried once more (nothing was sent, so the session is still unused), when the provider
    /// has other credentials than those refused: they may have expired since ExecuteCommand.
    func open(_ channel: DataChannelSession, output: @escaping @Sendable ([UInt8]) async -> Void,
              log: (@Sendable (String) -> Void)?) async throws -> DataChannelSession.Outcome {
        do {
            return try await channel.run(transport: transport, output: output)
        } catch let error as WebSocketError {
            guard case .upgradeRefused(status: 403, _) = error, let credentials, let signer = channel.signer else { throw error }
            await credentials.invalidate(signer.credentials)
            var retry = channel
            retry.signer = try await upgradeSigner(region: signer.region)
            guard let fresh = retry.signer?.credentials, !fresh.isSameKey(as: signer.credentials) else { throw error }
            log?("the upgrade was refused (HTTP 403): signing it again with refreshed credentials")
            return try await retry.run(transport: transport, output: output)
        }
    }

    /// The data key of a KMS-encrypted session: GenerateDataKey of 64 bytes bound to the session,
    /// the target the agent names and, for newer agents that send one, their random challenge
    /// (ssm-data-channel.md §8); failures as ``SessionError/kms(_:)``.
    static func generateDataKey(keyId: String, randomChallenge: String?, sessionId: String, target: ExecTarget, kms: KMSClient,
                                ecs: ECSClient, log: (@Sendable (String) -> Void)?) async throws -> KMSClient.DataKey {
        let targetId = try await kmsTargetId(of: target, ecs: ecs)
        var context = ["aws:ssm:SessionId": sessionId, "aws:ssm:TargetId": targetId]
        if let randomChallenge { context["aws:ssm:RandomChallenge"] = randomChallenge }
        log?("kms:GenerateDataKey key \(keyId), context aws:ssm:SessionId \(sessionId), aws:ssm:TargetId \(targetId)"
            + (randomChallenge == nil ? "" : ", aws:ssm:RandomChallenge (the agent's)"))
        do {
            return try await kms.generateDataKey(keyId: keyId, numberOfBytes: SessionCipher.dataKeyLength, encryptionContext: context)
        } catch let error as AWSError {
            throw SessionError.kms(describeKMS(error, keyId: keyId))
        } catch let error as CurlError {
            throw SessionError.kms("kms:GenerateDataKey with key \(keyId) failed: \(error) (check the network and --endpoint-url)")
        }
    }

    /// A KMS error in a line, naming the action and the key.
    static func describeKMS(_ error: AWSError, keyId: String) -> String {
        let prefix = "\(error.service):\(error.action) failed: "
        let summary = error.summary.hasPrefix(prefix) ? String(error.summary.dropFirst(prefix.count)) : error.summary
        let what = "kms:GenerateDataKey with key \(keyId) failed: \(summary)"
        switch error.code {
        case "AccessDeniedException", "AccessDenied":
            return "\(what); allow kms:GenerateDataKey on that key for this user or role (IAM policy and key policy)"
        case "NotFoundException":
            return "\(what); the cluster's executeCommandConfiguration names a key that does not exist in \(error.region ?? "this region")"
        case "DisabledException", "KMSInvalidStateException":
            return "\(what); the key is disabled or pending deletion"
        default:
            return error.hint.map { "\(what); \($0)" } ?? what
        }
    }

    /// `ecs:<cluster name>_<task id>_<container runtime id>`, the TargetId the agent decrypts the
    /// data key with; the runtime id comes from the node (`ECS:Runtime-ID`), else DescribeTasks.
    static func kmsTargetId(of target: ExecTarget, ecs: ECSClient) async throws -> String {
        let cluster = lastPathComponent(target.cluster), task = lastPathComponent(target.task)
        var runtimeId = target.runtimeId.flatMap { $0.isEmpty ? nil : $0 }
        if runtimeId == nil {
            let described = try? await ecs.describeTasks(ECS.DescribeTasksRequest(cluster: target.cluster, tasks: [target.task], include: nil))
            runtimeId = described?.tasks?.first?.containers?.first { $0.name == target.container }?.runtimeId
        }
        guard let runtimeId else {
            throw SessionError.kms("the container's runtime id (ECS:Runtime-ID) is unknown, and the KMS encryption context needs it")
        }
        return "ecs:\(cluster)_\(task)_\(runtimeId)"
    }

    /// The part after the last `/` of an ARN (`…:cluster/prod` → `prod`); an id unchanged.
    static func lastPathComponent(_ arnOrName: String) -> String {
        arnOrName.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? arnOrName
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
