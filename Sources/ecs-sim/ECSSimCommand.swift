import ArgumentParser
import ECSSim
import Foundation

@main
struct ECSSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-sim",
        abstract: "A local ECS API and Session Manager data channel",
        discussion: """
            Serves the ECS API (JSON 1.1, SigV4-verified; every region, told apart by the signature's \
            scope), ECS Exec sessions over the data channel, and /_sim/{health,stats,requests,faults,reset} \
            on one HTTP port. The fleet comes from a spec file, the bundled demo (the default), or the generator. On start it prints one line of JSON \
            (port, endpoint, region, counts, start-up time) and serves until SIGINT or SIGTERM, or \
            until standard input closes with --stop-on-stdin-eof. See docs/ecs-sim.md.
            """
    )

    @OptionGroup(title: "Fleet") var fleet: FleetOptions
    @OptionGroup(title: "Server") var server: ServerOptions
    @OptionGroup(title: "Faults") var faults: FaultOptions

    func run() async throws {
        let started = ContinuousClock.now
        let spec = try fleet.spec(region: server.region, seed: faults.seed)
        var configuration = try SimulatorConfiguration(
            fleet: Fleet(spec: spec, region: server.region), host: server.host, port: server.port,
            credentials: server.credentials(), apiFaults: faults.apiFaults(base: spec.faults?.api),
            channelFaults: faults.channelFaults(base: spec.faults?.channel), seed: faults.seed ?? spec.faults?.seed ?? spec.seed ?? 1,
            stateDirectory: server.stateDirectory, acceptsUnsignedUpgrades: server.acceptUnsignedUpgrades,
            temporaryKeyLifetime: server.credentialLifetime, revokeTemporaryKeysAfterCalls: server.revokeCredentialsAfter,
            webIdentityToken: server.webIdentityToken,
            threads: server.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        configuration.requiresKMSChallenge = server.kmsChallenge
        configuration.idleTimeout = server.idleTimeout.map { .milliseconds(Int64($0 * 1000)) }
        let simulator = try await Simulator.start(configuration)
        FileHandle.standardOutput.write(Data((simulator.announcement(startup: ContinuousClock.now - started) + "\n").utf8))
        await Termination.wait(stopOnStdinEOF: server.stopOnStdinEOF)
        try await simulator.shutdown()
    }
}
