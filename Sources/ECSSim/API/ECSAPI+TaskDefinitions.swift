struct DescribeTaskDefinitionRequest: Decodable {
    var taskDefinition: String?
    var include: [String]?
}

struct DescribeTaskDefinitionResponse: Encodable {
    var taskDefinition: TaskDefinitionShape
    var tags: [FleetTag]?
}

struct ListTagsForResourceRequest: Decodable {
    var resourceArn: String?
}

struct ListTagsForResourceResponse: Encodable {
    var tags: [FleetTag]
}

extension ECSAPI {
    /// `DescribeTaskDefinition`: by `family` (the latest revision), `family:revision` or ARN;
    /// the definition's tags beside it with `include: ["TAGS"]`.
    func describeTaskDefinition(_ request: DescribeTaskDefinitionRequest) throws(APIError) -> DescribeTaskDefinitionResponse {
        guard let reference = request.taskDefinition, !reference.isEmpty else {
            throw .invalidParameter("taskDefinition can not be blank.")
        }
        guard let definition = fleet.taskDefinition(reference) else { throw .client("Unable to describe task definition.") }
        return DescribeTaskDefinitionResponse(taskDefinition: TaskDefinitionShape(definition),
                                              tags: request.include?.contains("TAGS") == true ? definition.tags : nil)
    }

    /// `ListTagsForResource`: the tags of a cluster, service, task or task definition by ARN.
    func listTagsForResource(_ request: ListTagsForResourceRequest) throws(APIError) -> ListTagsForResourceResponse {
        guard let arn = request.resourceArn, !arn.isEmpty else { throw .invalidParameter("resourceArn can not be blank.") }
        let notFound = APIError.invalidParameter("The specified resource could not be found.")
        if let path = fleet.resourcePath(arn, type: "cluster") {
            guard path.count == 1 else { throw notFound }
            return ListTagsForResourceResponse(tags: try cluster(arn).tags)
        }
        if let path = fleet.resourcePath(arn, type: "service"), path.count == 2 {
            let cluster = try cluster(path[0])
            guard let position = fleet.servicePosition(arn, in: cluster) else { throw notFound }
            return ListTagsForResourceResponse(tags: cluster.services[position].tags)
        }
        if let path = fleet.resourcePath(arn, type: "task"), path.count == 2 {
            let cluster = try cluster(path[0])
            guard let position = fleet.taskPosition(arn, in: cluster) else { throw notFound }
            return ListTagsForResourceResponse(tags: cluster.tasks[position].tags)
        }
        if fleet.resourcePath(arn, type: "task-definition") != nil {
            guard let definition = fleet.taskDefinition(arn) else { throw notFound }
            return ListTagsForResourceResponse(tags: definition.tags)
        }
        throw notFound
    }
}
