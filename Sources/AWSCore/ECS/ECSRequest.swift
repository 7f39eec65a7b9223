/// The input of one ECS API action: encoded as the JSON body, answered with ``Response``.
///
/// Conform a new shape to call another action through ``ECSClient/send(_:)``.
public protocol ECSRequest: Encodable, Sendable {
    /// The shape of the answer.
    associatedtype Response: Decodable & Sendable
    /// The action name after the `X-Amz-Target` prefix: `ListTasks`.
    static var action: String { get }
    /// The cluster the call concerns, named in errors (`ClusterNotFoundException`); nil when none.
    var clusterName: String? { get }
}

extension ECSRequest {
    public var clusterName: String? { nil }
}

/// A list action that returns one page at a time: ask again with the page's `nextToken` until
/// there is none (aws-core.md §4.2).
public protocol ECSPaginatedRequest: ECSRequest where Response: ECSPage {
    /// The token from the previous page, nil for the first.
    var nextToken: String? { get set }
}

/// One page of a list action's answer.
public protocol ECSPage {
    associatedtype Item
    /// The items of this page.
    var items: [Item] { get }
    /// The token that asks for the next page; nil on the last one.
    var nextToken: String? { get }
}
