/// At most `limit` API calls of one poll in flight, whatever stage they belong to; callers
/// wait their turn in arrival order.
actor CallGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(limit: Int) {
        free = max(1, limit)
    }

    /// Runs `call` once a place is free, and frees it again however `call` ends.
    nonisolated func run<Result: Sendable>(_ call: @Sendable () async throws -> Result) async throws -> Result {
        await acquire()
        do {
            let result = try await call()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        guard head < waiting.count else {
            free += 1
            return
        }
        let next = waiting[head]
        head += 1
        if head > 64, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
        next.resume()
    }
}
