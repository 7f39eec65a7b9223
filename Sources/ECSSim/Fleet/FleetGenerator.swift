import SimSession
/// A fleet of any size for load tests: `clusters` clusters of `tasksPerCluster` running tasks
/// of `containersPerTask` containers each, spread over a few services per cluster.
///
/// Seeded: the same parameters give the same spec. Services take their images from a small
/// pool (nginx, a Spring Boot app, Node, workers, …) with sidecars after the first container;
/// each family is FARGATE or EC2 by the dice, and every task runs ECS Exec with its agent
/// RUNNING, except the share the two rates set aside. With ``regions``, cluster number `n`
/// goes to region `n` modulo their count.
public struct FleetGenerator: Sendable, Hashable {
    public var clusters: Int
    public var tasksPerCluster: Int
    public var containersPerTask: Int
    /// Services per cluster (at most one per task); 4 by default.
    public var servicesPerCluster: Int
    public var seed: UInt64
    /// The share of each service's tasks started without ECS Exec.
    public var execDisabledRate: Double
    /// The share of each service's tasks whose exec agent is STOPPED.
    public var agentStoppedRate: Double
    /// Set on every cluster's `executeCommandConfiguration`.
    public var kmsKeyId: String?
    /// The regions the clusters are spread over, in turn; empty puts them all in the spec's region.
    public var regions: [String]

    public init(clusters: Int, tasksPerCluster: Int, containersPerTask: Int, servicesPerCluster: Int = 4, seed: UInt64 = 1,
                execDisabledRate: Double = 0, agentStoppedRate: Double = 0, kmsKeyId: String? = nil, regions: [String] = []) {
        self.clusters = clusters
        self.tasksPerCluster = tasksPerCluster
        self.containersPerTask = containersPerTask
        self.servicesPerCluster = servicesPerCluster
        self.seed = seed
        self.execDisabledRate = execDisabledRate
        self.agentStoppedRate = agentStoppedRate
        self.kmsKeyId = kmsKeyId
        self.regions = regions
    }

    /// An application: its family name, image, port and size.
    struct Profile {
        var name: String
        var image: String
        var port: Int
        var cpu: Int
        var memory: Int
    }

    static func profiles(region: String) -> [Profile] {
        let ecr = "123456789012.dkr.ecr.\(region).amazonaws.com"
        return [
            Profile(name: "web", image: "public.ecr.aws/nginx/nginx:1.27.3-alpine", port: 80, cpu: 256, memory: 512),
            Profile(name: "petclinic", image: "\(ecr)/spring-petclinic:3.4.0", port: 8080, cpu: 1024, memory: 2048),
            Profile(name: "orders-api", image: "\(ecr)/orders-api:2.14.1", port: 8080, cpu: 512, memory: 1024),
            Profile(name: "worker", image: "\(ecr)/billing-worker:1.9.3", port: 9000, cpu: 512, memory: 1024),
            Profile(name: "frontend", image: "public.ecr.aws/docker/library/node:20.18-alpine", port: 3000, cpu: 256, memory: 512),
            Profile(name: "payments", image: "\(ecr)/payments-spring:2.7.18", port: 8443, cpu: 1024, memory: 2048),
            Profile(name: "cache", image: "public.ecr.aws/docker/library/redis:7.4.1", port: 6379, cpu: 256, memory: 1024),
            Profile(name: "auth", image: "\(ecr)/auth-service:4.1.0", port: 8081, cpu: 512, memory: 1024),
        ]
    }

    static let sidecars: [(name: String, image: String, port: Int?)] = [
        ("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", 9901),
        ("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", nil),
        ("otel-collector", "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1", 4317),
        ("datadog-agent", "public.ecr.aws/datadog/agent:7.59.0", 8126),
    ]

    static let environments = ["prod", "staging", "dev", "qa"]

    /// The spec of the fleet, its default region `region`.
    public func spec(region: String = "us-east-1") -> FleetSpec {
        let clusterCount = max(0, clusters), taskCount = max(0, tasksPerCluster), containerCount = max(1, containersPerTask)
        let serviceCount = max(1, min(servicesPerCluster, max(taskCount, 1)))
        let profiles = Self.profiles(region: region)
        var random = SeededRandom(seed: seed, "generator")
        var definitions: [TaskDefinitionSpec] = []
        var families: [(family: String, launchType: String)] = []
        for number in 0..<serviceCount {
            let profile = profiles[number % profiles.count]
            let family = number < profiles.count ? profile.name : "\(profile.name)-\(number / profiles.count + 1)"
            let fargate = random.chance(0.6)
            let bridged = !fargate && random.chance(0.5)
            // The application leaves 64 CPU units to each sidecar, keeping at least half.
            let cpu = max(profile.cpu / 2, profile.cpu - 64 * (containerCount - 1))
            var containers = [ContainerSpec(name: profile.name, image: profile.image, cpu: cpu, memory: profile.memory,
                                            memoryReservation: profile.memory / 2, ports: [profile.port])]
            for index in 1..<containerCount {
                let sidecar = Self.sidecars[(index - 1) % Self.sidecars.count]
                let suffix = index > Self.sidecars.count ? "-\((index - 1) / Self.sidecars.count + 1)" : ""
                containers.append(ContainerSpec(name: sidecar.name + suffix, image: sidecar.image, cpu: 64, memoryReservation: 128,
                                                ports: sidecar.port.map { [$0] }))
            }
            definitions.append(TaskDefinitionSpec(
                family: family, revision: Int(random.next() % 60) + 1, cpu: String(profile.cpu), memory: String(profile.memory),
                networkMode: bridged ? "bridge" : "awsvpc", requiresCompatibilities: fargate ? ["FARGATE"] : ["EC2"],
                taskRoleArn: "arn:aws:iam::\(Fleet.account):role/\(family)-task", containers: containers))
            families.append((family, fargate ? "FARGATE" : "EC2"))
        }
        let clusterSpecs = (0..<clusterCount).map { number in
            let environment = Self.environments[number % Self.environments.count]
            let name = "\(environment)-\(number < 9 ? "0" : "")\(number + 1)"
            let services = families.enumerated().map { position, family in
                let count = taskCount / serviceCount + (position < taskCount % serviceCount ? 1 : 0)
                return ServiceSpec(name: family.family, taskDefinition: family.family, launchType: family.launchType,
                                   tags: ["env": environment, "team": "team-\(position % 3 + 1)"], tasks: groups(count: count))
            }
            return ClusterSpec(name: name, region: regions.isEmpty ? nil : regions[number % regions.count], tags: ["env": environment],
                               kmsKeyId: kmsKeyId, services: services)
        }
        return FleetSpec(region: region, seed: seed, taskDefinitions: definitions, clusters: clusterSpecs)
    }

    /// `count` tasks as groups: most plain, the two rates' shares without exec or with the
    /// agent stopped (rounded to whole tasks).
    func groups(count: Int) -> [TaskGroupSpec] {
        let disabled = min(count, Int((Double(count) * max(0, execDisabledRate)).rounded()))
        let stopped = min(count - disabled, Int((Double(count) * max(0, agentStoppedRate)).rounded()))
        return [
            TaskGroupSpec(count: count - disabled - stopped),
            TaskGroupSpec(count: disabled, enableExecuteCommand: false),
            TaskGroupSpec(count: stopped, agentStatus: "STOPPED"),
        ].filter { $0.count! > 0 }
    }
}
