/// One node's work: where and what.
public struct NodeJob: Sendable, Hashable {
    public var target: ExecTarget
    /// The command, with the node's `${node.…}` references already filled in.
    public var command: String

    public init(target: ExecTarget, command: String) {
        self.target = target
        self.command = command
    }
}

/// Runs a command on many nodes at once: at most ``parallel`` sessions in flight, each node's
/// failure reported on its own and never stopping the others' sessions.
///
/// Without ``keepGoing``, no new node is started once one has failed (the running ones finish);
/// the rest are skipped. When the surrounding task is cancelled (Ctrl-C), running sessions are
/// ended (their WebSockets closed) and reported lost, and the rest skipped.
public struct FanOut: Sendable {
    public var parallel: Int
    public var keepGoing: Bool
    /// The most one node may take, from ExecuteCommand to the end of its session.
    public var timeout: Duration?

    public init(parallel: Int = 32, keepGoing: Bool = false, timeout: Duration? = nil) {
        self.parallel = max(1, parallel)
        self.keepGoing = keepGoing
        self.timeout = timeout
    }

    /// Runs every job with `runner`; `output` gets (node, bytes) as they arrive and `finished`
    /// each result as it comes (skipped nodes included). Returns the results in job order.
    public func run(
        _ jobs: [NodeJob], runner: NodeRunner,
        output: @escaping @Sendable (String, [UInt8]) async -> Void,
        started: @escaping @Sendable (String) async -> Void = { _ in },
        finished: @escaping @Sendable (NodeResult) async -> Void
    ) async -> [NodeResult] {
        var results = [NodeResult?](repeating: nil, count: jobs.count)
        let timeout = self.timeout
        await withTaskGroup(of: (Int, NodeResult).self) { group in
            var next = 0, running = 0, stop: SkipReason?
            while next < jobs.count || running > 0 {
                if stop == nil, Task.isCancelled { stop = .interrupted }
                while stop == nil, running < parallel, next < jobs.count {
                    let index = next, job = jobs[index]
                    next += 1
                    running += 1
                    await started(job.target.node)
                    group.addTask {
                        let result = await Self.runOne(job, runner: runner, timeout: timeout) { bytes in await output(job.target.node, bytes) }
                        return (index, result)
                    }
                }
                if running == 0 {
                    // Nothing runs and nothing may start: the rest are skipped.
                    for index in next..<jobs.count {
                        let result = NodeResult(node: jobs[index].target.node, status: .skipped(stop ?? .interrupted))
                        results[index] = result
                        await finished(result)
                    }
                    next = jobs.count
                    break
                }
                guard let (index, result) = await group.next() else { break }
                running -= 1
                results[index] = result
                await finished(result)
                if result.isFailure, !keepGoing, stop == nil { stop = .notStartedAfterFailure }
            }
        }
        return results.enumerated().map { $0.element ?? NodeResult(node: jobs[$0.offset].target.node, status: .skipped(.interrupted)) }
    }

    /// One job, bounded by `timeout`.
    static func runOne(_ job: NodeJob, runner: NodeRunner, timeout: Duration?,
                       output: @escaping @Sendable ([UInt8]) async -> Void) async -> NodeResult {
        guard let timeout else { return await runner.run(job.command, on: job.target, output: output) }
        let start = ContinuousClock.now
        return await withTaskGroup(of: NodeResult?.self) { group in
            group.addTask { await runner.run(job.command, on: job.target, output: output) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : NodeResult(node: job.target.node, status: .lost(
                    "\(SessionError.timedOut(seconds: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18))"),
                    duration: .now - start)
            }
            defer { group.cancelAll() }
            while let result = await group.next() {
                if let result { return result }
            }
            return NodeResult(node: job.target.node, status: .lost("interrupted"), duration: .now - start)
        }
    }
}
