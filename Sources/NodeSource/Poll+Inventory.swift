import AWSCore

extension Poll {
    /// What one target gave.
    enum Outcome: Sendable {
        /// Its described tasks in listing order, and the ARNs DescribeTasks reported missing.
        case listed(tasks: [ECS.Task], describeFailures: Int)
        /// The cluster does not exist in the target's region (a named cluster is looked for
        /// in every region, so this is not yet an error).
        case missing(AWSError)
        /// Listing or describing failed; the target contributes no node.
        case failed(any Error)
    }

    /// Lists the tasks of `target` page by page and describes them (100 at a time, with
    /// tags) as soon as they are listed, asking `definitions` for the definition of every task
    /// the filter selects on the way: the stages overlap instead of waiting for each other.
    func inventory(of target: Target, definitions: DefinitionLoader) async -> Outcome {
        do {
            let answers = try await withThrowingTaskGroup(of: (Int, ECS.DescribeTasksResponse).self) { group in
                var request = filter.listTasksRequest(cluster: target.cluster)
                var pending: [String] = [], batches = 0
                // Describes the listed tasks 100 at a time, whatever the page size; the rest
                // too once `all`.
                func flush(all: Bool) {
                    let size = ECS.DescribeTasksRequest.maxTasks
                    while pending.count >= size || (all && !pending.isEmpty) {
                        let arns = Array(pending.prefix(size))
                        pending.removeFirst(arns.count)
                        let index = batches
                        batches += 1
                        group.addTask { (index, try await describe(arns, of: target, definitions: definitions)) }
                    }
                }
                while true {
                    counter.record(ECS.ListTasksRequest.action)
                    let current = request
                    let page = try await gate.run { try await client(target.region).send(current) }
                    pending += page.items
                    flush(all: false)
                    guard let next = page.nextToken, !next.isEmpty else { break }
                    guard next != request.nextToken else { throw ECSClientError.repeatedNextToken(action: ECS.ListTasksRequest.action) }
                    request.nextToken = next
                }
                flush(all: true)
                var answers = [ECS.DescribeTasksResponse?](repeating: nil, count: batches)
                for try await (index, answer) in group { answers[index] = answer }
                return answers.map { $0! }
            }
            return .listed(tasks: answers.flatMap { $0.tasks ?? [] }, describeFailures: answers.reduce(0) { $0 + ($1.failures?.count ?? 0) })
        } catch let error as AWSError where error.code == "ServiceNotFoundException" {
            return .listed(tasks: [], describeFailures: 0)
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            return target.origin == .listed ? .listed(tasks: [], describeFailures: 0) : .missing(error)
        } catch {
            return .failed(error)
        }
    }

    /// DescribeTasks with tags for `arns`; a cluster deleted since it was listed gives its
    /// tasks as failures (they are gone too).
    private func describe(_ arns: [String], of target: Target, definitions: DefinitionLoader) async throws -> ECS.DescribeTasksResponse {
        counter.record(ECS.DescribeTasksRequest.action)
        let answer: ECS.DescribeTasksResponse
        do {
            answer = try await gate.run {
                try await client(target.region).describeTasks(ECS.DescribeTasksRequest(cluster: target.cluster, tasks: arns, include: ["TAGS"]))
            }
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            return ECS.DescribeTasksResponse(tasks: [], failures: arns.map { ECS.Failure(arn: $0, reason: "MISSING") })
        }
        for task in answer.tasks ?? [] where filter.selects(task) {
            if let arn = task.taskDefinitionArn, !arn.isEmpty { await definitions.prefetch(arn, region: target.region) }
        }
        return answer
    }
}
