extension ECSClient {
    /// `ListClusters`: one page of cluster ARNs.
    public func listClusters(_ request: ECS.ListClustersRequest = .init()) async throws -> ECS.ListClustersResponse {
        try await send(request)
    }

    /// `DescribeClusters`: up to 100 clusters, with their tags unless `include` says otherwise.
    public func describeClusters(_ request: ECS.DescribeClustersRequest) async throws -> ECS.DescribeClustersResponse {
        try await send(request)
    }

    /// `ListServices`: one page of a cluster's service ARNs.
    public func listServices(_ request: ECS.ListServicesRequest) async throws -> ECS.ListServicesResponse {
        try await send(request)
    }

    /// `ListTasks`: one page of the ARNs of a cluster's tasks that match the filters.
    public func listTasks(_ request: ECS.ListTasksRequest) async throws -> ECS.ListTasksResponse {
        try await send(request)
    }

    /// `DescribeTasks`: up to 100 tasks, with their tags unless `include` says otherwise, and
    /// the ones that could not be described.
    public func describeTasks(_ request: ECS.DescribeTasksRequest) async throws -> ECS.DescribeTasksResponse {
        try await send(request)
    }

    /// `DescribeTaskDefinition`: one task definition and, when asked for, its tags.
    public func describeTaskDefinition(_ request: ECS.DescribeTaskDefinitionRequest) async throws -> ECS.DescribeTaskDefinitionResponse {
        try await send(request)
    }
}
