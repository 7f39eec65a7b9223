extension ECS {
    /// A task definition, as `DescribeTaskDefinition` returns it (the fields ecsnodes uses).
    public struct TaskDefinition: Codable, Sendable, Hashable {
        public var taskDefinitionArn: String?
        public var family: String?
        public var revision: Int?
        /// `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`.
        public var status: String?
        /// `bridge`, `host`, `awsvpc` or `none`.
        public var networkMode: String?
        public var requiresCompatibilities: [String]?
        public var compatibilities: [String]?
        public var cpu: String?
        public var memory: String?
        public var taskRoleArn: String?
        public var executionRoleArn: String?
        /// `task` when the task's containers share one PID namespace, `host`, or absent.
        public var pidMode: String?
        public var registeredAt: Double?
        public var containerDefinitions: [ContainerDefinition]?

        public init(
            taskDefinitionArn: String? = nil, family: String? = nil, revision: Int? = nil, status: String? = nil,
            networkMode: String? = nil, requiresCompatibilities: [String]? = nil, compatibilities: [String]? = nil,
            cpu: String? = nil, memory: String? = nil, taskRoleArn: String? = nil, executionRoleArn: String? = nil,
            pidMode: String? = nil, registeredAt: Double? = nil, containerDefinitions: [ContainerDefinition]? = nil
        ) {
            self.taskDefinitionArn = taskDefinitionArn
            self.family = family
            self.revision = revision
            self.status = status
            self.networkMode = networkMode
            self.requiresCompatibilities = requiresCompatibilities
            self.compatibilities = compatibilities
            self.cpu = cpu
            self.memory = memory
            self.taskRoleArn = taskRoleArn
            self.executionRoleArn = executionRoleArn
            self.pidMode = pidMode
            self.registeredAt = registeredAt
            self.containerDefinitions = containerDefinitions
        }
    }

    /// One container of a task definition.
    public struct ContainerDefinition: Codable, Sendable, Hashable {
        public var name: String?
        public var image: String?
        public var cpu: Int?
        /// The hard memory limit in MiB.
        public var memory: Int?
        /// The soft memory limit in MiB.
        public var memoryReservation: Int?
        public var essential: Bool?
        public var command: [String]?
        public var entryPoint: [String]?
        public var environment: [KeyValuePair]?
        public var portMappings: [PortMapping]?

        public init(
            name: String? = nil, image: String? = nil, cpu: Int? = nil, memory: Int? = nil,
            memoryReservation: Int? = nil, essential: Bool? = nil, command: [String]? = nil,
            entryPoint: [String]? = nil, environment: [KeyValuePair]? = nil, portMappings: [PortMapping]? = nil
        ) {
            self.name = name
            self.image = image
            self.cpu = cpu
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.essential = essential
            self.command = command
            self.entryPoint = entryPoint
            self.environment = environment
            self.portMappings = portMappings
        }
    }

    /// A port a container definition exposes.
    public struct PortMapping: Codable, Sendable, Hashable {
        public var name: String?
        public var containerPort: Int?
        public var hostPort: Int?
        /// `tcp` or `udp`.
        public var transportProtocol: String?

        enum CodingKeys: String, CodingKey {
            case name, containerPort, hostPort
            case transportProtocol = "protocol"
        }

        public init(name: String? = nil, containerPort: Int? = nil, hostPort: Int? = nil, transportProtocol: String? = nil) {
            self.name = name
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.transportProtocol = transportProtocol
        }
    }
}
