import AWSCore

extension Poll {
    /// Described tasks with the region they were described in, and the number of ARNs
    /// DescribeTasks reported as failures.
    struct Described: Sendable {
        var tasks: [(region: String, task: ECS.Task)]
        var failures: Int
    }

    /// DescribeTasks, with tags, for the listed tasks of every target, 100 per call; each task
    /// once, in listing order. Tasks of a cluster deleted meanwhile count as failures.
    func describe(targets: [Target], listings: [Listing]) async throws -> Described {
        var batches: [(target: Target, arns: [String])] = []
        for (target, listing) in zip(targets, listings) {
            guard case .tasks(let arns) = listing else { continue }
            let size = ECS.DescribeTasksRequest.maxTasks
            for start in stride(from: 0, to: arns.count, by: size) {
                batches.append((target, Array(arns[start..<min(start + size, arns.count)])))
            }
        }
        let answers = try await boundedMap(batches, limit: limit) { batch in
            counter.record(ECS.DescribeTasksRequest.action)
            do {
                return try await client(batch.target.region).describeTasks(
                    ECS.DescribeTasksRequest(cluster: batch.target.cluster, tasks: batch.arns, include: ["TAGS"]))
            } catch let error as AWSError where error.code == "ClusterNotFoundException" {
                // Deleted since it was listed: its tasks are gone too.
                return ECS.DescribeTasksResponse(tasks: [], failures: batch.arns.map { ECS.Failure(arn: $0, reason: "MISSING") })
            }
        }
        var described = Described(tasks: [], failures: 0)
        var seen = Set<String>()
        for (batch, answer) in zip(batches, answers) {
            described.failures += answer.failures?.count ?? 0
            for task in answer.tasks ?? [] where task.taskArn.map({ seen.insert($0).inserted }) ?? true {
                described.tasks.append((batch.target.region, task))
            }
        }
        return described
    }

    /// The definitions of `tasks`, by ARN: from the cache, else DescribeTaskDefinition once per
    /// ARN (then cached). A definition AWS refuses is left out and counted; any other failure
    /// is thrown.
    func taskDefinitions(
        for tasks: [(region: String, task: ECS.Task)], stats: inout NodeSourceStats
    ) async throws -> [String: ECS.TaskDefinition] {
        var wanted: [(region: String, arn: String)] = []
        var seen = Set<String>()
        for (region, task) in tasks {
            if let arn = task.taskDefinitionArn.nonEmpty, seen.insert(arn).inserted { wanted.append((region, arn)) }
        }
        var definitions = await cache.definitions(for: wanted.map(\.arn))
        stats.taskDefinitionCacheHits = definitions.count
        let missing = wanted.filter { definitions[$0.arn] == nil }
        let described = try await boundedMap(missing, limit: limit) { region, arn -> ECS.TaskDefinition? in
            counter.record(ECS.DescribeTaskDefinitionRequest.action)
            do {
                let answer = try await client(region).describeTaskDefinition(
                    ECS.DescribeTaskDefinitionRequest(taskDefinition: arn, include: nil))
                guard let definition = answer.taskDefinition else { return nil }
                await cache.store(definition, for: arn)
                return definition
            } catch is AWSError {
                return nil
            }
        }
        for ((_, arn), definition) in zip(missing, described) {
            if let definition { definitions[arn] = definition } else { stats.taskDefinitionFailures += 1 }
        }
        return definitions
    }
}
