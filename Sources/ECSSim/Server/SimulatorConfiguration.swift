import AWSSigner
import Foundation
import SimSession

/// How to run a ``Simulator``: the fleet, where to listen, the keys it accepts, the faults
/// to start with and where exec sessions work.
public struct SimulatorConfiguration: Sendable {
    /// The documented demo key pair, accepted when no other keys are given (docs/ecs-sim.md).
    public static let demoCredentials = Credentials(accessKeyID: "AKIAECSSIMDEMO000000",
                                                    secretAccessKey: "ecs-sim/demo/secret/key/0000000000000000")

    /// The ECS actions ecs-sim serves (any other is `UnknownOperationException`).
    public static var ecsActions: Set<String> { ECSAPI.actions }

    public var fleet: Fleet
    /// The address to listen on: loopback unless asked otherwise.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The keys requests may be signed with (ECS, KMS and the WebSocket upgrade).
    public var credentials: [Credentials]
    /// How long the temporary keys handed out at `GET /_sim/credentials` work.
    public var temporaryKeyLifetime: TimeInterval
    /// After this many ECS calls signed with temporary keys, every one issued until then
    /// expires at once (a revoked session in the middle of a run); nil never.
    public var revokeTemporaryKeysAfterCalls: Int?
    /// The one token STS `AssumeRoleWithWebIdentity` accepts; nil accepts any non-empty one.
    public var webIdentityToken: String?
    /// KMS-encrypted sessions send a random challenge and require it back (newer agents with
    /// `Kms.RequireKMSChallengeResponse`).
    public var requiresKMSChallenge = false
    /// Sessions without client input for this long end as ECS Exec's do after 20 minutes;
    /// nil never.
    public var idleTimeout: Duration?
    public var apiFaults: APIFaults
    public var channelFaults: ChannelFaults
    /// Seeds the fault dice.
    public var seed: UInt64
    /// Where exec sessions' working directories go; created if missing.
    public var stateDirectory: String
    /// Accept WebSocket upgrades that carry no `Authorization` header at all (session-manager
    /// plugins before 1.2.764 do not sign them); a signature that is there must still verify.
    public var acceptsUnsignedUpgrades: Bool
    /// Event-loop threads; the machine's core count by default.
    public var threads: Int

    public init(
        fleet: Fleet, host: String = "127.0.0.1", port: Int = 0, credentials: [Credentials] = [demoCredentials],
        apiFaults: APIFaults = APIFaults(), channelFaults: ChannelFaults = ChannelFaults(), seed: UInt64 = 1,
        stateDirectory: String? = nil, acceptsUnsignedUpgrades: Bool = false,
        temporaryKeyLifetime: TimeInterval = 3600, revokeTemporaryKeysAfterCalls: Int? = nil, webIdentityToken: String? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.fleet = fleet
        self.host = host
        self.port = port
        self.credentials = credentials
        self.temporaryKeyLifetime = temporaryKeyLifetime
        self.revokeTemporaryKeysAfterCalls = revokeTemporaryKeysAfterCalls
        self.webIdentityToken = webIdentityToken
        self.apiFaults = apiFaults
        self.channelFaults = channelFaults
        self.seed = seed
        self.stateDirectory = stateDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("ecs-sim-\(ProcessInfo.processInfo.processIdentifier)").path
        self.acceptsUnsignedUpgrades = acceptsUnsignedUpgrades
        self.threads = max(1, threads)
    }
}
