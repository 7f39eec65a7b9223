import AWSSigner

/// An error answer of the simulated API, with the code, status and message ECS uses.
enum APIError: Error, Hashable, Sendable {
    /// `X-Amz-Target` names no action of the service.
    case unknownOperation
    /// The body is not a JSON object, or a member has the wrong type; the text says which.
    case serialization(String)
    /// A parameter is missing, malformed or out of range; the text says which.
    case invalidParameter(String)
    /// `ClientException`, such as a task definition that does not exist.
    case client(String)
    /// The cluster the call names does not exist.
    case clusterNotFound
    /// The service the call names does not exist.
    case serviceNotFound
    /// ExecuteCommand could not reach the agent (an injected fault).
    case targetNotConnected
    /// The caller may not call `action` on `resource` (an injected refusal: ecs-sim has no IAM).
    case accessDenied(action: String, resource: String)
    /// Too many calls (an injected fault).
    case throttling
    /// A failure of the service (an injected fault).
    case server
    /// The request's SigV4 signature did not verify.
    case authentication(SigV4VerificationError)

    /// The code sent in `__type`.
    var code: String {
        switch self {
        case .unknownOperation: "UnknownOperationException"
        case .serialization: "SerializationException"
        case .invalidParameter: "InvalidParameterException"
        case .client: "ClientException"
        case .clusterNotFound: "ClusterNotFoundException"
        case .serviceNotFound: "ServiceNotFoundException"
        case .targetNotConnected: "TargetNotConnectedException"
        case .accessDenied: "AccessDeniedException"
        case .throttling: "ThrottlingException"
        case .server: "ServerException"
        case .authentication(let error): error.code
        }
    }

    /// 500 for the server's own failures, 400 for everything else.
    var status: Int {
        switch self {
        case .server: 500
        case .authentication(let error): error.status
        default: 400
        }
    }

    /// The `message`; nil for UnknownOperationException, which ECS sends without one.
    var message: String? {
        switch self {
        case .unknownOperation: nil
        case .serialization(let text), .invalidParameter(let text), .client(let text): text
        case .clusterNotFound: "Cluster not found."
        case .serviceNotFound: "Service not found."
        case .targetNotConnected: "The execute command failed due to an internal error. Try again later."
        case .accessDenied(let action, let resource):
            "User: \(Self.caller) is not authorized to perform: ecs:\(action) on resource: \(resource) "
                + "because no identity-based policy allows the ecs:\(action) action"
        case .throttling: "Rate exceeded"
        case .server: "An internal error occurred. Try again later. (ecs-sim injected this fault.)"
        case .authentication(let error): error.message
        }
    }

    /// The identity refusals name: the simulated account's IAM user `ecs-sim`.
    static let caller = "arn:aws:iam::\(Fleet.account):user/ecs-sim"

    /// The JSON 1.1 error body: `{"__type": "…", "message": "…"}`.
    var body: [UInt8] {
        JSONBody.encode(ErrorBody(type: code, message: message))
    }

    private struct ErrorBody: Encodable {
        var type: String
        var message: String?

        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message
        }
    }
}
