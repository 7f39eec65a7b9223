import AWSSigner
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import SimSession

/// ecs-sim running: one HTTP/1.1 server (keep-alive, many connections) that serves the ECS
/// API, the KMS calls of the data channel, the WebSocket upgrade of the data channel (the
/// hub's upgrader) and `/_sim/*`.
///
/// ```swift
/// let simulator = try await Simulator.start(SimulatorConfiguration(fleet: try Fleet(spec: .demo)))
/// print(simulator.endpoint)  // http://127.0.0.1:51234
/// try await simulator.shutdown()
/// ```
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    /// The port it listens on (the one picked when the configuration asked for 0).
    public let port: Int
    let core: SimulatorCore
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(configuration: SimulatorConfiguration, port: Int, core: SimulatorCore, group: MultiThreadedEventLoopGroup,
                 channel: any Channel) {
        self.configuration = configuration
        self.port = port
        self.core = core
        self.group = group
        self.channel = channel
    }

    /// `http://HOST:PORT`.
    public var endpoint: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// Makes the state directory, binds, and serves until ``shutdown()``.
    public static func start(_ configuration: SimulatorConfiguration) async throws -> Simulator {
        try FileManager.default.createDirectory(atPath: configuration.stateDirectory, withIntermediateDirectories: true)
        // Sessions of every region's tasks connect here: the upgrade may be signed for any region.
        let temporaryKeys = TemporaryKeys(lifetime: configuration.temporaryKeyLifetime,
                                          revokeAfterCalls: configuration.revokeTemporaryKeysAfterCalls, clock: { Date() })
        let upgrades = temporaryKeys.verifier(credentials: configuration.credentials, service: "ssmmessages")
        let acceptsUnsigned = configuration.acceptsUnsignedUpgrades
        var agent = SessionHub.Settings()
        agent.requiresKMSChallenge = configuration.requiresKMSChallenge
        agent.idleTimeout = configuration.idleTimeout
        let hub = SessionHub(verifyUpgrade: { head in
            Self.verifyUpgrade(head, verifier: upgrades, acceptsUnsigned: acceptsUnsigned)
        }, settings: agent)
        let faults = FaultDice(api: configuration.apiFaults, channel: configuration.channelFaults, seed: configuration.seed)
        let sessions = ExecSessions(hub: hub, stateDirectory: configuration.stateDirectory)
        let core = SimulatorCore(fleet: configuration.fleet, sessions: sessions, hub: hub, credentials: configuration.credentials,
                                 temporaryKeys: temporaryKeys, webIdentityToken: configuration.webIdentityToken, faults: faults)

        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try Self.configure(channel.pipeline.syncOperations, core: core, hub: hub)
                    }
                }
                .bind(host: configuration.host, port: configuration.port).get()
            guard let port = channel.localAddress?.port else { throw SimulatorError.noPort }
            return Simulator(configuration: configuration, port: port, core: core, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// HTTP/1.1 with the hub's WebSocket upgrader, `100 Continue`, whole requests, then ``SimHTTPHandler``;
    /// after an upgrade only the WebSocket handlers the hub installs are left.
    static func configure(_ pipeline: ChannelPipeline.SynchronousOperations, core: SimulatorCore, hub: SessionHub) throws {
        let aggregator = NIOHTTPServerRequestAggregator(maxContentLength: 16 << 20)
        let handler = SimHTTPHandler(core: core)
        try pipeline.configureHTTPServerPipeline(withServerUpgrade: (upgraders: [hub.makeUpgrader()], completionHandler: { context in
            context.pipeline.syncOperations.removeHandler(name: "ecs-sim.expect", promise: nil)
            context.pipeline.syncOperations.removeHandler(name: "ecs-sim.aggregator", promise: nil)
            context.pipeline.syncOperations.removeHandler(name: "ecs-sim.http", promise: nil)
        }))
        try pipeline.addHandler(ExpectContinueHandler(), name: "ecs-sim.expect")
        try pipeline.addHandler(aggregator, name: "ecs-sim.aggregator")
        try pipeline.addHandler(handler, name: "ecs-sim.http")
    }

    /// Whether an upgrade request is signed for `ssmmessages` by a known key (or, when
    /// allowed, not signed at all).
    static func verifyUpgrade(_ head: HTTPRequestHead, verifier: SigV4Verifier, acceptsUnsigned: Bool) -> Bool {
        let headers = head.headers.map { (name: $0.name, value: $0.value) }
        if acceptsUnsigned, !headers.contains(where: { $0.name.lowercased() == "authorization" }) { return true }
        guard let request = SimRequest.signable(method: head.method.rawValue, uri: head.uri, headers: headers, body: [],
                                                authority: "127.0.0.1") else { return false }
        return (try? verifier.verify(request)) != nil
    }

    /// Stops listening, closes every connection and stops the event loops.
    public func shutdown() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Why the simulator could not start.
public enum SimulatorError: Error, Hashable, Sendable {
    /// The listening socket reported no port.
    case noPort
}

extension Simulator {
    /// The one line of JSON ecs-sim prints when it is ready: where it listens, what it serves
    /// (`region` is the default one, `regions` every region with clusters), how long start-up
    /// took (`startup`), the key ids it accepts (never a secret) and the state directory.
    public func announcement(startup: Duration) -> String {
        struct Announcement: Encodable {
            var port: Int
            var endpoint: String
            var region: String
            var regions: [String]
            var clusters: Int
            var services: Int
            var tasks: Int
            var containers: Int
            var startupMilliseconds: Double
            var accessKeyIds: [String]
            var stateDir: String
        }
        let fleet = configuration.fleet
        let milliseconds = Double(startup.components.seconds) * 1000 + Double(startup.components.attoseconds) / 1e15
        return String(decoding: JSONBody.encode(Announcement(
            port: port, endpoint: endpoint, region: fleet.region, regions: fleet.regions, clusters: fleet.clusterCount,
            services: fleet.serviceCount, tasks: fleet.taskCount, containers: fleet.containerCount, startupMilliseconds: (milliseconds * 10).rounded() / 10,
            accessKeyIds: configuration.credentials.map(\.accessKeyID), stateDir: configuration.stateDirectory)), as: UTF8.self)
    }
}
