extension ECS {
    /// A container of a task, as `DescribeTasks` returns it (aws-core.md §4.4).
    public struct Container: Codable, Sendable, Hashable {
        public var containerArn: String?
        public var taskArn: String?
        public var name: String?
        public var image: String?
        public var imageDigest: String?
        /// The container runtime's id (Docker's container id); what ExecuteCommand targets.
        public var runtimeId: String?
        public var lastStatus: String?
        public var exitCode: Int?
        public var reason: String?
        /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN`.
        public var healthStatus: String?
        /// CPU units; a string in the API, a number from moto, kept as text either way.
        public var cpu: String?
        /// The hard memory limit in MiB, as text.
        public var memory: String?
        /// The soft memory limit in MiB, as text.
        public var memoryReservation: String?
        public var gpuIds: [String]?
        public var networkBindings: [NetworkBinding]?
        public var networkInterfaces: [NetworkInterface]?
        /// The agents ECS runs beside the container, such as `ExecuteCommandAgent`.
        public var managedAgents: [ManagedAgent]?

        public init(
            containerArn: String? = nil, taskArn: String? = nil, name: String? = nil, image: String? = nil,
            imageDigest: String? = nil, runtimeId: String? = nil, lastStatus: String? = nil,
            exitCode: Int? = nil, reason: String? = nil, healthStatus: String? = nil, cpu: String? = nil,
            memory: String? = nil, memoryReservation: String? = nil, gpuIds: [String]? = nil,
            networkBindings: [NetworkBinding]? = nil, networkInterfaces: [NetworkInterface]? = nil,
            managedAgents: [ManagedAgent]? = nil
        ) {
            self.containerArn = containerArn
            self.taskArn = taskArn
            self.name = name
            self.image = image
            self.imageDigest = imageDigest
            self.runtimeId = runtimeId
            self.lastStatus = lastStatus
            self.exitCode = exitCode
            self.reason = reason
            self.healthStatus = healthStatus
            self.cpu = cpu
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.gpuIds = gpuIds
            self.networkBindings = networkBindings
            self.networkInterfaces = networkInterfaces
            self.managedAgents = managedAgents
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            containerArn = try c.decodeIfPresent(String.self, forKey: .containerArn)
            taskArn = try c.decodeIfPresent(String.self, forKey: .taskArn)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            image = try c.decodeIfPresent(String.self, forKey: .image)
            imageDigest = try c.decodeIfPresent(String.self, forKey: .imageDigest)
            runtimeId = try c.decodeIfPresent(String.self, forKey: .runtimeId)
            lastStatus = try c.decodeIfPresent(String.self, forKey: .lastStatus)
            exitCode = c.decodeLenientInt(forKey: .exitCode)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
            healthStatus = try c.decodeIfPresent(String.self, forKey: .healthStatus)
            cpu = c.decodeLenientString(forKey: .cpu)
            memory = c.decodeLenientString(forKey: .memory)
            memoryReservation = c.decodeLenientString(forKey: .memoryReservation)
            gpuIds = try c.decodeIfPresent([String].self, forKey: .gpuIds)
            networkBindings = try c.decodeIfPresent([NetworkBinding].self, forKey: .networkBindings)
            networkInterfaces = try c.decodeIfPresent([NetworkInterface].self, forKey: .networkInterfaces)
            managedAgents = try c.decodeIfPresent([ManagedAgent].self, forKey: .managedAgents)
        }

        /// The agent called `name` (`ExecuteCommandAgent`), if ECS runs it beside this container.
        public func managedAgent(_ name: String) -> ManagedAgent? {
            managedAgents?.first { $0.name == name }
        }
    }

    /// A port of a container published on its host (bridge and host network modes).
    public struct NetworkBinding: Codable, Sendable, Hashable {
        public var bindIP: String?
        public var containerPort: Int?
        public var hostPort: Int?
        /// `tcp` or `udp`.
        public var transportProtocol: String?

        enum CodingKeys: String, CodingKey {
            case bindIP, containerPort, hostPort
            case transportProtocol = "protocol"
        }

        public init(bindIP: String? = nil, containerPort: Int? = nil, hostPort: Int? = nil, transportProtocol: String? = nil) {
            self.bindIP = bindIP
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.transportProtocol = transportProtocol
        }
    }

    /// A network interface of a container (`awsvpc` tasks).
    public struct NetworkInterface: Codable, Sendable, Hashable {
        public var attachmentId: String?
        public var privateIpv4Address: String?
        public var ipv6Address: String?

        public init(attachmentId: String? = nil, privateIpv4Address: String? = nil, ipv6Address: String? = nil) {
            self.attachmentId = attachmentId
            self.privateIpv4Address = privateIpv4Address
            self.ipv6Address = ipv6Address
        }
    }

    /// An agent ECS runs beside a container; `ExecuteCommandAgent` must be `RUNNING` for
    /// ExecuteCommand to work.
    public struct ManagedAgent: Codable, Sendable, Hashable {
        public var name: String?
        public var lastStatus: String?
        public var lastStartedAt: Double?
        public var reason: String?

        public init(name: String? = nil, lastStatus: String? = nil, lastStartedAt: Double? = nil, reason: String? = nil) {
            self.name = name
            self.lastStatus = lastStatus
            self.lastStartedAt = lastStartedAt
            self.reason = reason
        }
    }
}
