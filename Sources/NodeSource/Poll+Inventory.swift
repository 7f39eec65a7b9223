import AWSCore
import NodeModel

extension Poll {
    /// The nodes of one DescribeTasks call, and its counts.
    struct Batch: Sendable {
        var nodes: [Node] = []
        var described = 0
        var selected = 0
        /// The ARNs DescribeTasks reported missing.
        var failures = 0
    }

    /// A result and the position of what it was made from, for results that arrive out of
    /// order. (A task group of `(Int, enum-with-an-error)` tuples gathered into an array of
    /// optionals trapped in release builds of Swift 6.3; a struct does not.)
    struct Numbered<Value: Sendable>: Sendable {
        var index: Int
        var value: Value
    }

    /// What one target gave.
    enum Outcome: Sendable {
        /// The nodes of its tasks, batch by batch in listing order.
        case listed([Batch])
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
            let answers = try await withThrowingTaskGroup(of: Numbered<Batch>.self) { group in
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
                        group.addTask { Numbered(index: index, value: try await describe(arns, of: target, definitions: definitions)) }
                    }
                }
                while true {
                    counter.record(ECS.ListTasksRequest.action)
                    let page = try await send(request, region: target.region)
                    pending += page.items
                    flush(all: false)
                    guard let next = page.nextToken, !next.isEmpty else { break }
                    guard next != request.nextToken else { throw ECSClientError.repeatedNextToken(action: ECS.ListTasksRequest.action) }
                    request.nextToken = next
                }
                flush(all: true)
                var answers: [Numbered<Batch>] = []
                for try await answer in group { answers.append(answer) }
                return answers.sorted { $0.index < $1.index }.map(\.value)
            }
            return .listed(answers)
        } catch let error as AWSError where error.code == "ServiceNotFoundException" {
            return .listed([])
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            return target.origin == .listed ? .listed([]) : .missing(error)
        } catch {
            return .failed(error)
        }
    }

    /// DescribeTasks with tags for `arns`, and the nodes of the containers the filter selects,
    /// made here so mapping runs while other calls are in flight. A cluster deleted since it
    /// was listed gives its tasks as failures (they are gone too).
    private func describe(_ arns: [String], of target: Target, definitions: DefinitionLoader) async throws -> Batch {
        counter.record(ECS.DescribeTasksRequest.action)
        let answer: ECS.DescribeTasksResponse
        do {
            answer = try await send(ECS.DescribeTasksRequest(cluster: target.cluster, tasks: arns, include: ["TAGS"]), region: target.region)
        } catch let error as AWSError where error.code == "ClusterNotFoundException" {
            return Batch(failures: arns.count)
        }
        let tasks = answer.tasks ?? []
        let selected = tasks.filter { filter.selects($0) }
        for task in selected {
            if let arn = task.taskDefinitionArn, !arn.isEmpty { await definitions.prefetch(arn, region: target.region) }
        }
        var batch = Batch(described: tasks.count, selected: selected.count, failures: answer.failures?.count ?? 0)
        let mapper = NodeMapper(assumeRoleARN: options.assumeRoleARN)
        for var task in selected {
            let definition: ECS.TaskDefinition? = if let arn = task.taskDefinitionArn { await definitions.definition(arn) } else { nil }
            task.containers = task.containers?.filter { filter.selects($0) }
            batch.nodes += mapper.nodes(for: task, region: target.region, taskDefinition: definition)
        }
        return batch
    }
}
