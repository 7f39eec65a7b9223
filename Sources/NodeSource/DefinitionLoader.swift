import AWSCore

/// The task definitions of one poll: each ARN asked for once, as soon as a described task
/// names it, from the ``TaskDefinitionCache`` when it is there, else with
/// DescribeTaskDefinition (then cached).
actor DefinitionLoader {
    private let poll: Poll
    private var loading: [String: Task<ECS.TaskDefinition?, Never>] = [:]
    private(set) var cacheHits = 0

    init(poll: Poll) {
        self.poll = poll
    }

    /// Starts loading the definition `arn` (of a task in `region`) unless it already is.
    func prefetch(_ arn: String, region: String) async {
        guard loading[arn] == nil else { return }
        if let cached = await poll.cache.definition(for: arn) {
            cacheHits += 1
            loading[arn] = Task { cached }
            return
        }
        loading[arn] = Task { [poll] in await poll.describeDefinition(arn, region: region) }
    }

    /// The definition `arn`, once loaded; nil when it failed or was never asked for.
    func definition(_ arn: String) async -> ECS.TaskDefinition? {
        await loading[arn]?.value
    }

    /// Every definition asked for, by ARN, once all have loaded; and how many failed.
    func definitions() async -> (byARN: [String: ECS.TaskDefinition], failures: Int) {
        var byARN: [String: ECS.TaskDefinition] = [:]
        var failures = 0
        for (arn, task) in loading {
            if let definition = await task.value { byARN[arn] = definition } else { failures += 1 }
        }
        return (byARN, failures)
    }
}

extension Poll {
    /// DescribeTaskDefinition of `arn`, cached on success; nil when AWS refuses it (say, no
    /// `ecs:DescribeTaskDefinition` permission) or the call fails: the task's nodes are then
    /// built from the task alone, and the failure is counted.
    func describeDefinition(_ arn: String, region: String) async -> ECS.TaskDefinition? {
        counter.record(ECS.DescribeTaskDefinitionRequest.action)
        let answer = try? await send(ECS.DescribeTaskDefinitionRequest(taskDefinition: arn, include: nil), region: region)
        guard let definition = answer?.taskDefinition else { return nil }
        await cache.store(definition, for: arn)
        return definition
    }
}
