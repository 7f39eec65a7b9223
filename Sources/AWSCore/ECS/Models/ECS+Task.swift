import Foundation

extension ECS {
    /// A task, as `DescribeTasks` returns it (aws-core.md §4.3).
    public struct Task: Codable, Sendable, Hashable {
        public var taskArn: String?
        public var clusterArn: String?
        public var taskDefinitionArn: String?
        /// The EC2 container instance the task runs on; absent for Fargate.
        public var containerInstanceArn: String?
        /// `service:NAME` for a service's tasks, else `family:NAME` or what `RunTask` was given.
        public var group: String?
        public var startedBy: String?
        public var launchType: LaunchType?
        public var capacityProviderName: String?
        public var platformVersion: String?
        public var platformFamily: String?
        public var availabilityZone: String?
        /// `PROVISIONING`, `PENDING`, `ACTIVATING`, `RUNNING`, `DEACTIVATING`, `STOPPING`,
        /// `DEPROVISIONING`, `STOPPED` or `DELETED`.
        public var lastStatus: String?
        public var desiredStatus: String?
        /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN`.
        public var healthStatus: String?
        /// `CONNECTED` or `DISCONNECTED`.
        public var connectivity: String?
        /// CPU units, such as `"256"` or `"1 vCPU"` as registered.
        public var cpu: String?
        /// Memory in MiB, such as `"512"` or `"1 GB"` as registered.
        public var memory: String?
        public var enableExecuteCommand: Bool?
        public var createdAt: Double?
        public var connectivityAt: Double?
        public var pullStartedAt: Double?
        public var pullStoppedAt: Double?
        public var startedAt: Double?
        public var stoppingAt: Double?
        public var stoppedAt: Double?
        public var executionStoppedAt: Double?
        /// `TaskFailedToStart`, `EssentialContainerExited`, `UserInitiated`, …
        public var stopCode: String?
        public var stoppedReason: String?
        public var version: Int?
        /// Present only when asked for with `include: ["TAGS"]`.
        public var tags: [Tag]?
        /// For `awsvpc` tasks an `ElasticNetworkInterface` whose details hold the address.
        public var attachments: [Attachment]?
        public var containers: [Container]?

        public init(
            taskArn: String? = nil, clusterArn: String? = nil, taskDefinitionArn: String? = nil,
            containerInstanceArn: String? = nil, group: String? = nil, startedBy: String? = nil,
            launchType: LaunchType? = nil, capacityProviderName: String? = nil, platformVersion: String? = nil,
            platformFamily: String? = nil, availabilityZone: String? = nil, lastStatus: String? = nil,
            desiredStatus: String? = nil, healthStatus: String? = nil, connectivity: String? = nil,
            cpu: String? = nil, memory: String? = nil, enableExecuteCommand: Bool? = nil,
            createdAt: Double? = nil, connectivityAt: Double? = nil, pullStartedAt: Double? = nil,
            pullStoppedAt: Double? = nil, startedAt: Double? = nil, stoppingAt: Double? = nil,
            stoppedAt: Double? = nil, executionStoppedAt: Double? = nil, stopCode: String? = nil,
            stoppedReason: String? = nil, version: Int? = nil, tags: [Tag]? = nil,
            attachments: [Attachment]? = nil, containers: [Container]? = nil
        ) {
            self.taskArn = taskArn
            self.clusterArn = clusterArn
            self.taskDefinitionArn = taskDefinitionArn
            self.containerInstanceArn = containerInstanceArn
            self.group = group
            self.startedBy = startedBy
            self.launchType = launchType
            self.capacityProviderName = capacityProviderName
            self.platformVersion = platformVersion
            self.platformFamily = platformFamily
            self.availabilityZone = availabilityZone
            self.lastStatus = lastStatus
            self.desiredStatus = desiredStatus
            self.healthStatus = healthStatus
            self.connectivity = connectivity
            self.cpu = cpu
            self.memory = memory
            self.enableExecuteCommand = enableExecuteCommand
            self.createdAt = createdAt
            self.connectivityAt = connectivityAt
            self.pullStartedAt = pullStartedAt
            self.pullStoppedAt = pullStoppedAt
            self.startedAt = startedAt
            self.stoppingAt = stoppingAt
            self.stoppedAt = stoppedAt
            self.executionStoppedAt = executionStoppedAt
            self.stopCode = stopCode
            self.stoppedReason = stoppedReason
            self.version = version
            self.tags = tags
            self.attachments = attachments
            self.containers = containers
        }

        /// The task id: the last part of ``taskArn`` (`…:task/CLUSTER/ID` or the older `…:task/ID`).
        public var id: String? {
            taskArn.flatMap { $0.split(separator: "/").last.map(String.init) }
        }

        /// The private IPv4 address of the task's elastic network interface (`awsvpc` tasks),
        /// else the first one a container reports.
        public var privateIPv4Address: String? {
            let eni = attachments?.first { $0.type == "ElasticNetworkInterface" }
            if let address = eni?.detail("privateIPv4Address") { return address }
            return containers?.lazy.compactMap { $0.networkInterfaces?.first?.privateIpv4Address }.first
        }

        /// ``startedAt`` as a date.
        public var startedDate: Date? { startedAt.map(Date.init(timeIntervalSince1970:)) }
    }

    /// Something attached to a task; for `awsvpc` tasks, its elastic network interface.
    public struct Attachment: Codable, Sendable, Hashable {
        public var id: String?
        /// `ElasticNetworkInterface`, `Service Connect`, …
        public var type: String?
        public var status: String?
        /// For an ENI: `subnetId`, `networkInterfaceId`, `macAddress`, `privateDnsName`,
        /// `privateIPv4Address`, and `ipv6Address` on dual-stack subnets.
        public var details: [KeyValuePair]?

        public init(id: String? = nil, type: String? = nil, status: String? = nil, details: [KeyValuePair]? = nil) {
            self.id = id
            self.type = type
            self.status = status
            self.details = details
        }

        /// The value of the detail called `name`.
        public func detail(_ name: String) -> String? {
            details?.first { $0.name == name }?.value
        }
    }
}
