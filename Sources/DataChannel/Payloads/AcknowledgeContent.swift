/// The payload of an `acknowledge` message: which stream message it acknowledges.
///
/// Receivers match acknowledgements by ``acknowledgedMessageSequenceNumber`` only.
public struct AcknowledgeContent: Codable, Hashable, Sendable {
    public var acknowledgedMessageType: String
    /// Lower-case hyphenated UUID text.
    public var acknowledgedMessageId: String
    public var acknowledgedMessageSequenceNumber: Int64
    /// Always true in practice.
    public var isSequentialMessage: Bool

    public init(acknowledgedMessageType: String, acknowledgedMessageId: String,
                acknowledgedMessageSequenceNumber: Int64, isSequentialMessage: Bool = true) {
        self.acknowledgedMessageType = acknowledgedMessageType
        self.acknowledgedMessageId = acknowledgedMessageId
        self.acknowledgedMessageSequenceNumber = acknowledgedMessageSequenceNumber
        self.isSequentialMessage = isSequentialMessage
    }

    /// The acknowledgement of `message`.
    public init(acknowledging message: ClientMessage) {
        self.init(acknowledgedMessageType: message.messageType.rawValue,
                  acknowledgedMessageId: message.messageId.lowercasedString,
                  acknowledgedMessageSequenceNumber: message.sequenceNumber)
    }

    enum CodingKeys: String, CodingKey {
        case acknowledgedMessageType = "AcknowledgedMessageType"
        case acknowledgedMessageId = "AcknowledgedMessageId"
        case acknowledgedMessageSequenceNumber = "AcknowledgedMessageSequenceNumber"
        case isSequentialMessage = "IsSequentialMessage"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        acknowledgedMessageType = try container.decodeIfPresent(String.self, forKey: .acknowledgedMessageType) ?? ""
        acknowledgedMessageId = try container.decodeIfPresent(String.self, forKey: .acknowledgedMessageId) ?? ""
        acknowledgedMessageSequenceNumber = try container.decode(Int64.self, forKey: .acknowledgedMessageSequenceNumber)
        isSequentialMessage = try container.decodeIfPresent(Bool.self, forKey: .isSequentialMessage) ?? true
    }
}
