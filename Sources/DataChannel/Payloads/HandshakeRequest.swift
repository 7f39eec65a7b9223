/// PayloadType 5: the actions the agent asks the client to take before the session starts.
public struct HandshakeRequest: Codable, Hashable, Sendable {
    public var agentVersion: String
    public var requestedClientActions: [RequestedClientAction]

    public init(agentVersion: String, requestedClientActions: [RequestedClientAction]) {
        self.agentVersion = agentVersion
        self.requestedClientActions = requestedClientActions
    }

    enum CodingKeys: String, CodingKey {
        case agentVersion = "AgentVersion"
        case requestedClientActions = "RequestedClientActions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agentVersion = try container.decodeIfPresent(String.self, forKey: .agentVersion) ?? ""
        requestedClientActions = try container.decodeIfPresent([RequestedClientAction].self,
                                                               forKey: .requestedClientActions) ?? []
    }
}

/// The ActionType of a handshake action.
public struct ActionType: RawRepresentable, Codable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Which session plugin the agent runs (`InteractiveCommands` for ECS exec).
    public static let sessionType = ActionType(rawValue: "SessionType")
    /// Encrypt the session with a KMS data key.
    public static let kmsEncryption = ActionType(rawValue: "KMSEncryption")
}

/// One requested action with its parameters.
public struct RequestedClientAction: Codable, Hashable, Sendable {
    /// The parameters of an action, by action type.
    public enum Parameters: Hashable, Sendable {
        /// `{"SessionType": …, "Properties": …}`; the properties are not kept.
        case sessionType(String)
        /// `{"KMSKeyId": …, "Challenge": …}`; `Challenge` (base64 of 16 bytes) only from newer agents.
        case kmsEncryption(keyId: String, challenge: String?)
        /// An action this codec does not know.
        case unknown
    }

    public var actionType: ActionType
    public var actionParameters: Parameters

    public init(actionType: ActionType, actionParameters: Parameters) {
        self.actionType = actionType
        self.actionParameters = actionParameters
    }

    /// `SessionType` with the given session type.
    public static func sessionType(_ type: String) -> RequestedClientAction {
        RequestedClientAction(actionType: .sessionType, actionParameters: .sessionType(type))
    }

    /// `KMSEncryption` with the given key id.
    public static func kmsEncryption(keyId: String, challenge: String? = nil) -> RequestedClientAction {
        RequestedClientAction(actionType: .kmsEncryption, actionParameters: .kmsEncryption(keyId: keyId, challenge: challenge))
    }

    enum CodingKeys: String, CodingKey {
        case actionType = "ActionType"
        case actionParameters = "ActionParameters"
    }

    enum ParameterKeys: String, CodingKey {
        case sessionType = "SessionType"
        case kmsKeyId = "KMSKeyId"
        case challenge = "Challenge"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        actionType = try container.decode(ActionType.self, forKey: .actionType)
        let parameters = try? container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .actionParameters)
        switch actionType {
        case .sessionType:
            actionParameters = .sessionType(try parameters?.decodeIfPresent(String.self, forKey: .sessionType) ?? "")
        case .kmsEncryption:
            actionParameters = .kmsEncryption(
                keyId: try parameters?.decodeIfPresent(String.self, forKey: .kmsKeyId) ?? "",
                challenge: try parameters?.decodeIfPresent(String.self, forKey: .challenge))
        default:
            actionParameters = .unknown
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(actionType, forKey: .actionType)
        var parameters = container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .actionParameters)
        switch actionParameters {
        case .sessionType(let type):
            try parameters.encode(type, forKey: .sessionType)
        case .kmsEncryption(let keyId, let challenge):
            try parameters.encode(keyId, forKey: .kmsKeyId)
            try parameters.encodeIfPresent(challenge, forKey: .challenge)
        case .unknown:
            break
        }
    }
}
