/// The text frame a client sends first, right after the WebSocket upgrade.
public struct OpenDataChannelInput: Codable, Hashable, Sendable {
    /// "1.0".
    public var messageSchemaVersion: String
    public var requestId: String
    /// The session's `tokenValue`; a secret, never logged.
    public var tokenValue: String
    public var clientId: String
    public var clientVersion: String?

    public init(requestId: String, tokenValue: String, clientId: String, clientVersion: String?,
                messageSchemaVersion: String = "1.0") {
        self.messageSchemaVersion = messageSchemaVersion
        self.requestId = requestId
        self.tokenValue = tokenValue
        self.clientId = clientId
        self.clientVersion = clientVersion
    }

    enum CodingKeys: String, CodingKey {
        case messageSchemaVersion = "MessageSchemaVersion"
        case requestId = "RequestId"
        case tokenValue = "TokenValue"
        case clientId = "ClientId"
        case clientVersion = "ClientVersion"
    }

    /// Lenient except for the token.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageSchemaVersion = try container.decodeIfPresent(String.self, forKey: .messageSchemaVersion) ?? ""
        requestId = try container.decodeIfPresent(String.self, forKey: .requestId) ?? ""
        tokenValue = try container.decode(String.self, forKey: .tokenValue)
        clientId = try container.decodeIfPresent(String.self, forKey: .clientId) ?? ""
        clientVersion = try container.decodeIfPresent(String.self, forKey: .clientVersion)
    }
}
