import ArgumentParser
import ECSSim

/// Where the fleet comes from: a spec file, the demo, or the generator.
struct FleetOptions: ParsableArguments {
    @Option(name: .customLong("fleet"), help: ArgumentHelp("A fleet spec (JSON; see docs/ecs-sim.md).", valueName: "file"))
    var file: String?

    @Flag(help: "Serve the bundled demo fleet (examples/demo-fleet.json); the default.")
    var demo = false

    @Option(help: "Generate this many clusters.")
    var clusters: Int?

    @Option(help: "Running tasks per generated cluster.")
    var tasks: Int = 10

    @Option(help: "Containers per generated task.")
    var containers: Int = 1

    @Option(help: "Services per generated cluster.")
    var services: Int = 4

    @Option(help: "Share of generated tasks started without ECS Exec (0 to 1).")
    var execDisabledRate: Double = 0

    @Option(help: "Share of generated tasks whose exec agent is STOPPED (0 to 1).")
    var agentStoppedRate: Double = 0

    @Option(help: "KMS key id set on every generated cluster's execute-command configuration.")
    var kmsKeyId: String?

    @Option(help: ArgumentHelp("Spread the generated clusters over these regions, in turn (comma-separated).",
                               valueName: "region,region…"), transform: { $0.split(separator: ",").map(String.init) })
    var regions: [String]?

    func validate() throws {
        let sources = [file != nil, demo, clusters != nil].filter { $0 }.count
        guard sources <= 1 else { throw ValidationError("Give only one of --fleet, --demo and --clusters.") }
        if let clusters, clusters < 0 { throw ValidationError("--clusters must not be negative.") }
        guard tasks >= 0, containers >= 1, services >= 1 else {
            throw ValidationError("--tasks must not be negative; --containers and --services must be at least 1.")
        }
        if let regions {
            guard clusters != nil else { throw ValidationError("--regions spreads generated clusters: give it with --clusters.") }
            guard !regions.isEmpty, regions.allSatisfy({ !$0.isEmpty }) else {
                throw ValidationError("--regions needs region names separated by commas, such as eu-west-1,us-east-1.")
            }
        }
        guard (0...1).contains(execDisabledRate), (0...1).contains(agentStoppedRate) else {
            throw ValidationError("--exec-disabled-rate and --agent-stopped-rate must be between 0 and 1.")
        }
    }

    /// The spec these options name; a generated one's default region is `region`, else the
    /// first of ``regions``, else `us-east-1`.
    func spec(region: String?, seed: UInt64?) throws -> FleetSpec {
        if let file { return try FleetSpec.load(path: file) }
        if let clusters {
            return FleetGenerator(clusters: clusters, tasksPerCluster: tasks, containersPerTask: containers, servicesPerCluster: services,
                                  seed: seed ?? 1, execDisabledRate: execDisabledRate, agentStoppedRate: agentStoppedRate,
                                  kmsKeyId: kmsKeyId, regions: regions ?? [])
                .spec(region: region ?? regions?.first ?? "us-east-1")
        }
        return FleetSpec.demo
    }
}
