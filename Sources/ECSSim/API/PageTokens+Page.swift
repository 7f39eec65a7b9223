extension PageTokens {
    /// One page of a list action: the positions of its items and the token of the next page.
    struct Page {
        var range: Range<Int>
        var nextToken: String?
    }

    /// The page of `count` items (in their stable order) that `maxResults` and `nextToken`
    /// ask for; `defaultSize` when `maxResults` is not given (10 for ListServices, 100 for the
    /// others), and at most `cap` when one is set (ECS may return fewer than `maxResults`). An
    /// empty `nextToken` counts as none, as the SDKs send it.
    func page(
        count: Int, action: String, scope: String, maxResults: Int?, defaultSize: Int, cap: Int? = nil, nextToken: String?
    ) throws(APIError) -> Page {
        if let maxResults, !(1...100).contains(maxResults) {
            throw .invalidParameter("maxResults must be between 1 and 100, not \(maxResults).")
        }
        var start = 0
        if let nextToken, !nextToken.isEmpty {
            start = try offset(of: nextToken, action: action, scope: scope, count: count)
        }
        let size = min(maxResults ?? defaultSize, max(1, cap ?? .max))
        let end = min(count, start + size)
        return Page(range: start..<end, nextToken: end < count ? token(action: action, scope: scope, offset: end) : nil)
    }
}
