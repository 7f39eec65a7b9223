extension ECSClient {
    /// Every item of a list action: asks for page after page, following each `nextToken`
    /// until a page has none. Throws ``ECSClientError/repeatedNextToken(action:)`` if a page
    /// hands back the token that asked for it.
    public func all<Request: ECSPaginatedRequest>(_ request: Request) async throws -> [Request.Response.Item] {
        var request = request
        var items: [Request.Response.Item] = []
        while true {
            let page = try await send(request)
            items += page.items
            guard let next = page.nextToken, !next.isEmpty else { return items }
            guard next != request.nextToken else { throw ECSClientError.repeatedNextToken(action: Request.action) }
            request.nextToken = next
        }
    }

    /// The ARNs of every cluster in the region.
    public func allClusterArns() async throws -> [String] {
        try await all(ECS.ListClustersRequest(maxResults: 100))
    }

    /// The ARNs of every service of `cluster` (nil: the `default` cluster).
    public func allServiceArns(cluster: String?, launchType: ECS.LaunchType? = nil) async throws -> [String] {
        try await all(ECS.ListServicesRequest(cluster: cluster, launchType: launchType, maxResults: 100))
    }

    /// The ARNs of every task of `cluster` (nil: the `default` cluster) that matches the
    /// filters; ECS lists only `RUNNING` tasks unless `desiredStatus` says otherwise.
    public func allTaskArns(
        cluster: String?,
        serviceName: String? = nil,
        family: String? = nil,
        startedBy: String? = nil,
        containerInstance: String? = nil,
        desiredStatus: ECS.DesiredStatus? = nil,
        launchType: ECS.LaunchType? = nil
    ) async throws -> [String] {
        try await all(ECS.ListTasksRequest(
            cluster: cluster, containerInstance: containerInstance, family: family, startedBy: startedBy,
            serviceName: serviceName, desiredStatus: desiredStatus, launchType: launchType, maxResults: 100
        ))
    }

    /// Describes any number of tasks of `cluster`: `DescribeTasks` for each 100 of them, at
    /// most `concurrency` calls at a time, answers joined in the order of `tasks`.
    public func describeAllTasks(
        cluster: String?,
        tasks: [String],
        include: [String]? = ["TAGS"],
        concurrency: Int = 4
    ) async throws -> ECS.DescribeTasksResponse {
        let batches = stride(from: 0, to: tasks.count, by: ECS.DescribeTasksRequest.maxTasks).map {
            Array(tasks[$0..<min($0 + ECS.DescribeTasksRequest.maxTasks, tasks.count)])
        }
        let answers = try await inBatches(batches, concurrency: concurrency) { batch in
            try await describeTasks(ECS.DescribeTasksRequest(cluster: cluster, tasks: batch, include: include))
        }
        return ECS.DescribeTasksResponse(
            tasks: answers.flatMap { $0.tasks ?? [] },
            failures: answers.flatMap { $0.failures ?? [] }
        )
    }

    /// `work` for every batch, at most `concurrency` at a time; results in the order of `batches`.
    func inBatches<Batch: Sendable, Result: Sendable>(
        _ batches: [Batch],
        concurrency: Int,
        _ work: @escaping @Sendable (Batch) async throws -> Result
    ) async throws -> [Result] {
        guard batches.count > 1 else { return try await batches.asyncMap(work) }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: batches.count)
            var next = 0
            func startNext() {
                let index = next
                group.addTask { (index, try await work(batches[index])) }
                next += 1
            }
            while next < min(max(concurrency, 1), batches.count) { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < batches.count { startNext() }
            }
            return results.map { $0! }
        }
    }
}

extension Array {
    /// `transform` applied to each element in turn.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
