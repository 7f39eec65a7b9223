/// A failure of ``ECSClient`` that is not an error answer from AWS.
public enum ECSClientError: Error, Sendable, Hashable {
    /// A 2xx answer whose body is not the JSON the action returns.
    case malformedResponse(action: String, status: Int, reason: String)
    /// A list action returned the token it was just given, which would never end.
    case repeatedNextToken(action: String)
}

extension ECSClientError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformedResponse(let action, let status, let reason):
            "ecs:\(action) returned HTTP \(status) with a body that cannot be read: \(reason)"
        case .repeatedNextToken(let action):
            "ecs:\(action) returned the same nextToken twice; stopped listing rather than loop forever"
        }
    }
}
