/// A fleet described in JSON: task definitions, and clusters with their services and
/// standalone tasks (docs/ecs-sim.md, "Fleet spec").
///
/// Only names, counts and choices are given; ids, ARNs, addresses, digests and times are
/// derived from ``seed`` and the names, so the same spec always gives the same fleet and
/// adding a task leaves the others as they were.
public struct FleetSpec: Codable, Sendable, Hashable {
    /// The default region of the clusters, unless `--region` says otherwise; `us-east-1` when
    /// neither does. Always served, even when every cluster names another.
    public var region: String?
    /// Seeds every derived id and time; 1 when not given.
    public var seed: UInt64?
    public var taskDefinitions: [TaskDefinitionSpec]
    public var clusters: [ClusterSpec]
    /// API and channel faults to start with (the flags override them).
    public var faults: FaultSettings?

    public init(region: String? = nil, seed: UInt64? = nil, taskDefinitions: [TaskDefinitionSpec], clusters: [ClusterSpec],
                faults: FaultSettings? = nil) {
        self.region = region
        self.seed = seed
        self.taskDefinitions = taskDefinitions
        self.clusters = clusters
        self.faults = faults
    }
}

/// A task definition: `family:revision` and its containers.
public struct TaskDefinitionSpec: Codable, Sendable, Hashable {
    public var family: String
    /// 1 when not given.
    public var revision: Int?
    /// Task-level CPU units and memory (MiB), as text: `"1024"`, `"2048"`.
    public var cpu: String?
    public var memory: String?
    /// `awsvpc` (the default), `bridge`, `host` or `none`.
    public var networkMode: String?
    /// `["FARGATE"]`, `["EC2"]` or both; by default what `networkMode` allows.
    public var requiresCompatibilities: [String]?
    public var tags: [String: String]?
    /// The IAM role the task's containers (and ECS Exec's agent) use; none when not given.
    public var taskRoleArn: String?
    /// `task` (the containers share one PID namespace) or `host`; none when not given.
    public var pidMode: String?
    public var containers: [ContainerSpec]

    public init(family: String, revision: Int? = nil, cpu: String? = nil, memory: String? = nil, networkMode: String? = nil,
                requiresCompatibilities: [String]? = nil, tags: [String: String]? = nil, taskRoleArn: String? = nil,
                pidMode: String? = nil, containers: [ContainerSpec]) {
        self.taskRoleArn = taskRoleArn
        self.pidMode = pidMode
        self.family = family
        self.revision = revision
        self.cpu = cpu
        self.memory = memory
        self.networkMode = networkMode
        self.requiresCompatibilities = requiresCompatibilities
        self.tags = tags
        self.containers = containers
    }
}

/// A container of a task definition.
public struct ContainerSpec: Codable, Sendable, Hashable {
    public var name: String
    public var image: String
    /// CPU units reserved; 0 when not given, as ECS reports it.
    public var cpu: Int?
    /// Hard and soft memory limits in MiB.
    public var memory: Int?
    public var memoryReservation: Int?
    /// Container ports; published on the host (`networkBindings`) in bridge mode.
    public var ports: [Int]?

    public init(name: String, image: String, cpu: Int? = nil, memory: Int? = nil, memoryReservation: Int? = nil, ports: [Int]? = nil) {
        self.name = name
        self.image = image
        self.cpu = cpu
        self.memory = memory
        self.memoryReservation = memoryReservation
        self.ports = ports
    }
}

/// A cluster, its services and its standalone tasks.
public struct ClusterSpec: Codable, Sendable, Hashable {
    public var name: String
    /// The region it is in; the spec's when not given. Names are unique within a region.
    public var region: String?
    public var tags: [String: String]?
    /// `executeCommandConfiguration.kmsKeyId`: exec sessions on this cluster start with the
    /// KMS handshake.
    public var kmsKeyId: String?
    /// `executeCommandConfiguration.logging`: `NONE`, `DEFAULT` (when not given) or `OVERRIDE`;
    /// reported only.
    public var execLogging: String?
    public var services: [ServiceSpec]?
    /// Tasks started outside any service (`RunTask`).
    public var tasks: [TaskGroupSpec]?

    public init(name: String, region: String? = nil, tags: [String: String]? = nil, kmsKeyId: String? = nil, execLogging: String? = nil,
                services: [ServiceSpec]? = nil, tasks: [TaskGroupSpec]? = nil) {
        self.execLogging = execLogging
        self.name = name
        self.region = region
        self.tags = tags
        self.kmsKeyId = kmsKeyId
        self.services = services
        self.tasks = tasks
    }
}

/// A service and the tasks it runs.
public struct ServiceSpec: Codable, Sendable, Hashable {
    public var name: String
    /// `family`, `family:revision` or the ARN of a task definition of the spec.
    public var taskDefinition: String
    /// The number of RUNNING tasks when ``tasks`` is not given; 1 by default.
    public var desiredCount: Int?
    /// `FARGATE` (the default) or `EC2`.
    public var launchType: String?
    /// Fargate only; `1.4.0` by default.
    public var platformVersion: String?
    /// True by default.
    public var enableExecuteCommand: Bool?
    public var tags: [String: String]?
    /// `SERVICE` (the default: tasks carry the service's tags) or `NONE`.
    public var propagateTags: String?
    /// The service's tasks in groups, each group's fields defaulting to the service's; when
    /// absent, ``desiredCount`` tasks with the service's settings.
    public var tasks: [TaskGroupSpec]?

    public init(name: String, taskDefinition: String, desiredCount: Int? = nil, launchType: String? = nil,
                platformVersion: String? = nil, enableExecuteCommand: Bool? = nil, tags: [String: String]? = nil,
                propagateTags: String? = nil, tasks: [TaskGroupSpec]? = nil) {
        self.name = name
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.launchType = launchType
        self.platformVersion = platformVersion
        self.enableExecuteCommand = enableExecuteCommand
        self.tags = tags
        self.propagateTags = propagateTags
        self.tasks = tasks
    }
}

/// `count` alike tasks; every field left out takes the default of its service (or, for
/// standalone tasks, the built-in default).
public struct TaskGroupSpec: Codable, Sendable, Hashable {
    /// 1 when not given.
    public var count: Int?
    /// Required for standalone tasks; a service's tasks use the service's.
    public var taskDefinition: String?
    public var launchType: String?
    public var platformVersion: String?
    /// `ecs-svc/…` for a service's tasks; none for standalone tasks unless given.
    public var startedBy: String?
    /// `service:NAME` for a service's tasks, `family:FAMILY` for standalone tasks, unless given.
    public var group: String?
    public var enableExecuteCommand: Bool?
    /// The `ExecuteCommandAgent`'s `lastStatus`: `RUNNING` (the default) or `STOPPED`, … .
    public var agentStatus: String?
    /// `RUNNING` (the default), `PENDING` or `STOPPED`.
    public var lastStatus: String?
    /// `RUNNING`, or `STOPPED` (the default when ``lastStatus`` is `STOPPED`).
    public var desiredStatus: String?
    /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN` (the default).
    public var healthStatus: String?
    public var availabilityZone: String?
    /// Added to (and overriding) the tags the service propagates.
    public var tags: [String: String]?

    public init(count: Int? = nil, taskDefinition: String? = nil, launchType: String? = nil, platformVersion: String? = nil,
                startedBy: String? = nil, group: String? = nil, enableExecuteCommand: Bool? = nil, agentStatus: String? = nil,
                lastStatus: String? = nil, desiredStatus: String? = nil, healthStatus: String? = nil,
                availabilityZone: String? = nil, tags: [String: String]? = nil) {
        self.count = count
        self.taskDefinition = taskDefinition
        self.launchType = launchType
        self.platformVersion = platformVersion
        self.startedBy = startedBy
        self.group = group
        self.enableExecuteCommand = enableExecuteCommand
        self.agentStatus = agentStatus
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.healthStatus = healthStatus
        self.availabilityZone = availabilityZone
        self.tags = tags
    }
}
