/// The payload of `channel_closed`: the session is over, with an optional reason in `output`.
public struct ChannelClosedContent: Codable, Hashable, Sendable {
    public var messageId: String
    /// A timestamp as text (ISO 8601 here).
    public var createdDate: String
    public var destinationId: String
    public var sessionId: String
    public var messageType: String
    public var schemaVersion: Int
    /// Why the session ended, shown by the plugin as `SessionId: <id> : <output>`; may be empty.
    public var output: String

    public init(messageId: String, createdDate: String, destinationId: String, sessionId: String,
                output: String = "") {
        self.messageId = messageId
        self.createdDate = createdDate
        self.destinationId = destinationId
        self.sessionId = sessionId
        self.messageType = MessageType.channelClosed.rawValue
        self.schemaVersion = 1
        self.output = output
    }

    enum CodingKeys: String, CodingKey {
        case messageId = "MessageId"
        case createdDate = "CreatedDate"
        case destinationId = "DestinationId"
        case sessionId = "SessionId"
        case messageType = "MessageType"
        case schemaVersion = "SchemaVersion"
        case output = "Output"
    }

    /// Lenient: every field may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageId = try container.decodeIfPresent(String.self, forKey: .messageId) ?? ""
        createdDate = try container.decodeIfPresent(String.self, forKey: .createdDate) ?? ""
        destinationId = try container.decodeIfPresent(String.self, forKey: .destinationId) ?? ""
        sessionId = try container.decodeIfPresent(String.self, forKey: .sessionId) ?? ""
        messageType = try container.decodeIfPresent(String.self, forKey: .messageType) ?? ""
        schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        output = try container.decodeIfPresent(String.self, forKey: .output) ?? ""
    }
}
