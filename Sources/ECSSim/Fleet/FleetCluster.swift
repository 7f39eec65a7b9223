/// A cluster with its services and tasks, and the indexes the API looks them up by.
struct FleetCluster: Sendable {
    var region: String
    var name: String
    var arn: String
    var tags: [FleetTag]
    var kmsKeyId: String?
    /// `executeCommandConfiguration.logging`.
    var execLogging = "DEFAULT"
    /// In spec order, which is the order ListServices pages through.
    var services: [FleetService]
    /// In spec order, which is the order ListTasks pages through.
    var tasks: [FleetTask]
    var containerInstanceCount: Int

    /// Position in ``services`` by name.
    var serviceIndex: [String: Int] = [:]
    /// Position in ``tasks`` by task id.
    var taskIndex: [String: Int] = [:]
    /// Positions in ``tasks``, ascending, by service name and by task-definition family.
    var tasksByService: [String: [Int]] = [:]
    var tasksByFamily: [String: [Int]] = [:]

    init(region: String, name: String, arn: String, tags: [FleetTag], kmsKeyId: String?, services: [FleetService],
         tasks: [FleetTask], containerInstanceCount: Int) {
        self.region = region
        self.name = name
        self.arn = arn
        self.tags = tags
        self.kmsKeyId = kmsKeyId
        self.services = services
        self.tasks = tasks
        self.containerInstanceCount = containerInstanceCount
        for (position, service) in services.enumerated() { serviceIndex[service.name] = position }
        taskIndex.reserveCapacity(tasks.count)
        for (position, task) in tasks.enumerated() {
            taskIndex[task.id] = position
            if let service = task.serviceName { tasksByService[service, default: []].append(position) }
            tasksByFamily[task.family, default: []].append(position)
        }
    }

    func count(lastStatus: String) -> Int { tasks.count { $0.lastStatus == lastStatus } }
}
