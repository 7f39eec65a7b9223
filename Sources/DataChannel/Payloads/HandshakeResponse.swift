import Foundation

/// PayloadType 6: the client's answer to a ``HandshakeRequest``.
public struct HandshakeResponse: Codable, Hashable, Sendable {
    public var clientVersion: String
    public var processedClientActions: [ProcessedClientAction]
    public var errors: [String]?

    public init(clientVersion: String, processedClientActions: [ProcessedClientAction], errors: [String]? = nil) {
        self.clientVersion = clientVersion
        self.processedClientActions = processedClientActions
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case clientVersion = "ClientVersion"
        case processedClientActions = "ProcessedClientActions"
        case errors = "Errors"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clientVersion = try container.decodeIfPresent(String.self, forKey: .clientVersion) ?? ""
        processedClientActions = try container.decodeIfPresent([ProcessedClientAction].self,
                                                               forKey: .processedClientActions) ?? []
        errors = try container.decodeIfPresent([String].self, forKey: .errors)
    }
}

/// The outcome of one requested action.
public struct ProcessedClientAction: Codable, Hashable, Sendable {
    /// ActionStatus: 1 success, 2 failed, 3 unsupported. The agent cancels the session unless
    /// every action succeeded.
    public struct Status: RawRepresentable, Codable, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// 1.
        public static let success = Status(rawValue: 1)
        /// 2.
        public static let failed = Status(rawValue: 2)
        /// 3.
        public static let unsupported = Status(rawValue: 3)
    }

    public var actionType: ActionType
    public var actionStatus: Status
    /// The KMSEncryption result; nil for other actions (and when a peer sends something else there).
    public var actionResult: KMSEncryptionResult?
    public var error: String

    public init(actionType: ActionType, actionStatus: Status, actionResult: KMSEncryptionResult? = nil,
                error: String = "") {
        self.actionType = actionType
        self.actionStatus = actionStatus
        self.actionResult = actionResult
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case actionType = "ActionType"
        case actionStatus = "ActionStatus"
        case actionResult = "ActionResult"
        case error = "Error"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        actionType = try container.decode(ActionType.self, forKey: .actionType)
        actionStatus = try container.decodeIfPresent(Status.self, forKey: .actionStatus) ?? Status(rawValue: 0)
        // null for SessionType; the plugin has been seen to put a number here.
        actionResult = try? container.decodeIfPresent(KMSEncryptionResult.self, forKey: .actionResult)
        error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
    }
}

/// The ActionResult of a successful KMSEncryption action.
public struct KMSEncryptionResult: Codable, Hashable, Sendable {
    /// The data key's CiphertextBlob from KMS GenerateDataKey.
    public var kmsCipherTextKey: Data
    public var kmsCipherTextHash: Data?
    /// True when the client put the agent's Challenge into the encryption context.
    public var challengeAcknowledgement: Bool?

    public init(kmsCipherTextKey: [UInt8], challengeAcknowledgement: Bool? = nil) {
        self.kmsCipherTextKey = Data(kmsCipherTextKey)
        self.kmsCipherTextHash = nil
        self.challengeAcknowledgement = challengeAcknowledgement
    }

    enum CodingKeys: String, CodingKey {
        case kmsCipherTextKey = "KMSCipherTextKey"
        case kmsCipherTextHash = "KMSCipherTextHash"
        case challengeAcknowledgement = "ChallengeAcknowledgement"
    }
}
