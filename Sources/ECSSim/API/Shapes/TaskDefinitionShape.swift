/// A `TaskDefinition` as DescribeTaskDefinition returns it.
struct TaskDefinitionShape: Encodable {
    struct ContainerDefinition: Encodable {
        var name: String
        var image: String
        var cpu: Int
        var memory: Int?
        var memoryReservation: Int?
        var portMappings: [PortMapping]
        var essential = true
        var environment: [String] = []
        var mountPoints: [String] = []
        var volumesFrom: [String] = []
        var systemControls: [String] = []
    }

    struct PortMapping: Encodable {
        var containerPort: Int
        var hostPort: Int
        var `protocol` = "tcp"
    }

    var taskDefinitionArn: String
    var containerDefinitions: [ContainerDefinition]
    var family: String
    var revision: Int
    var volumes: [String] = []
    var status = "ACTIVE"
    var networkMode: String
    var requiresAttributes: [[String: String]]
    var placementConstraints: [String] = []
    var compatibilities: [String]
    var requiresCompatibilities: [String]
    var cpu: String?
    var memory: String?
    var registeredAt: Double
    var taskRoleArn: String?
    var pidMode: String?
    var registeredBy = "arn:aws:iam::\(Fleet.account):role/ecs-sim"

    init(_ definition: FleetTaskDefinition) {
        taskDefinitionArn = definition.arn
        containerDefinitions = definition.containers.map { container in
            ContainerDefinition(
                name: container.name, image: container.image, cpu: container.cpu ?? 0, memory: container.memory,
                memoryReservation: container.memoryReservation,
                // awsvpc and host publish the container port itself; bridge picks a host port per task.
                portMappings: (container.ports ?? []).map { port in
                    PortMapping(containerPort: port, hostPort: definition.networkMode == "bridge" ? 0 : port)
                })
        }
        family = definition.family
        revision = definition.revision
        networkMode = definition.networkMode
        requiresAttributes = definition.networkMode == "awsvpc" ? [["name": "ecs.capability.task-eni"]] : []
        compatibilities = definition.networkMode == "awsvpc" ? ["EC2", "FARGATE"] : ["EC2"]
        requiresCompatibilities = definition.requiresCompatibilities
        cpu = definition.cpu
        memory = definition.memory
        registeredAt = definition.registeredAt
        taskRoleArn = definition.taskRoleArn
        pidMode = definition.pidMode
    }
}
