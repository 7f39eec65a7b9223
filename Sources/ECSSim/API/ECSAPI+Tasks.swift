struct ListTasksRequest: Decodable {
    var cluster: String?
    var containerInstance: String?
    var family: String?
    var startedBy: String?
    var serviceName: String?
    var desiredStatus: String?
    var launchType: String?
    var maxResults: Int?
    var nextToken: String?
}

struct ListTasksResponse: Encodable {
    var taskArns: [String]
    var nextToken: String?
}

struct DescribeTasksRequest: Decodable {
    var cluster: String?
    var tasks: [String]?
    var include: [String]?
}

struct DescribeTasksResponse: Encodable {
    var tasks: [TaskShape]
    var failures: [FailureShape]
}

extension ECSAPI {
    /// `ListTasks`: a cluster's tasks whose desired status is `desiredStatus` (RUNNING unless
    /// given) and that match every other filter given, in spec order, 100 to a page.
    func listTasks(_ request: ListTasksRequest, context: CallContext) throws(APIError) -> ListTasksResponse {
        let cluster = try cluster(request.cluster)
        let desiredStatus = request.desiredStatus ?? "RUNNING"
        guard FleetBuilder.desiredStatuses.contains(desiredStatus) else {
            throw .invalidParameter("desiredStatus must be one of \(FleetBuilder.desiredStatuses.joined(separator: ", ")).")
        }
        let launchType = try Self.checkLaunchType(request.launchType)
        var service: String?
        if let name = request.serviceName, !name.isEmpty {
            guard let position = fleet.servicePosition(name, in: cluster) else { throw .serviceNotFound }
            service = cluster.services[position].name
        }
        // The narrowest index first, then every filter on what it gives.
        let candidates: [Int]
        if let service {
            candidates = cluster.tasksByService[service] ?? []
        } else if let family = request.family, !family.isEmpty {
            candidates = cluster.tasksByFamily[family] ?? []
        } else {
            candidates = Array(cluster.tasks.indices)
        }
        let family = request.family.flatMap { $0.isEmpty ? nil : $0 }
        let instance = request.containerInstance.flatMap { $0.isEmpty ? nil : $0 }
        let positions = candidates.filter { position in
            let task = cluster.tasks[position]
            return task.desiredStatus == desiredStatus
                && (launchType == nil || task.launchType == launchType)
                && (family == nil || task.family == family)
                && (request.startedBy == nil || task.startedBy == request.startedBy)
                && instance.map { wanted in
                    task.containerInstanceArn.map { $0 == wanted || $0.hasSuffix("/" + wanted) } ?? false
                } ?? true
        }
        let scope = [cluster.arn, service ?? "", family ?? "", desiredStatus, launchType ?? "", request.startedBy ?? "", instance ?? ""]
            .joined(separator: "\n")
        let page = try tokens.page(count: positions.count, action: "ListTasks", scope: scope, maxResults: request.maxResults,
                                   defaultSize: 100, cap: context.pageSize, nextToken: request.nextToken)
        return ListTasksResponse(taskArns: positions[page.range].map { cluster.tasks[$0].arn }, nextToken: page.nextToken)
    }

    /// `DescribeTasks`: 1 to 100 tasks of a cluster by id or ARN, each once, their tags only
    /// with `include: ["TAGS"]`; the ones the cluster lacks, and the ones that vanish, are
    /// `MISSING` failures.
    func describeTasks(_ request: DescribeTasksRequest, context: CallContext) throws(APIError) -> DescribeTasksResponse {
        let cluster = try cluster(request.cluster)
        guard let references = request.tasks, !references.isEmpty else { throw .invalidParameter("Tasks cannot be empty.") }
        guard references.count <= 100 else { throw .invalidParameter("taskIds can have at most 100 items.") }
        let includeTags = request.include?.contains("TAGS") ?? false
        var response = DescribeTasksResponse(tasks: [], failures: [])
        var seen = Set<Int>()
        for reference in references {
            if let position = fleet.taskPosition(reference, in: cluster) {
                guard seen.insert(position).inserted else { continue }
                let task = cluster.tasks[position]
                if context.vanishes(task) {
                    response.failures.append(FailureShape(arn: task.arn))
                } else {
                    response.tasks.append(TaskShape(task, includeTags: includeTags))
                }
            } else {
                let arn = reference.hasPrefix("arn:") ? reference : fleet.arn("task/\(cluster.name)/\(reference)")
                response.failures.append(FailureShape(arn: arn))
            }
        }
        return response
    }
}
