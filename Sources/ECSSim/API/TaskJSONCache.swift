import Synchronization

/// The JSON of each task as DescribeTasks writes it, encoded once: the fleet never changes, so
/// a DescribeTasks answer is its tasks' cached JSON joined, and a benchmark measures the
/// client rather than the simulator's JSON encoder.
final class TaskJSONCache: Sendable {
    private let encoded = Mutex<[String: [UInt8]]>([:])

    /// The answer to DescribeTasks, byte for byte what encoding `response` would give.
    func body(_ response: DescribeTasksResponse) -> [UInt8] {
        var body = Array(#"{"failures":"#.utf8) + JSONBody.encode(response.failures) + Array(#","tasks":["#.utf8)
        for (index, task) in response.tasks.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += json(of: task)
        }
        return body + Array("]}".utf8)
    }

    private func json(of task: TaskShape) -> [UInt8] {
        let key = "\(task.taskArn)|\(task.tags == nil ? "" : "tags")"
        if let cached = encoded.withLock({ $0[key] }) { return cached }
        let bytes = JSONBody.encode(task)
        encoded.withLock { $0[key] = bytes }
        return bytes
    }
}
