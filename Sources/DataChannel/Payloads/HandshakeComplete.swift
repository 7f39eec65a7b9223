/// PayloadType 7: the agent ends the handshake; a non-empty CustomerMessage is shown to the user.
public struct HandshakeComplete: Codable, Hashable, Sendable {
    /// Nanoseconds the handshake took.
    public var handshakeTimeToComplete: Int64
    public var customerMessage: String

    public init(handshakeTimeToComplete: Int64, customerMessage: String) {
        self.handshakeTimeToComplete = handshakeTimeToComplete
        self.customerMessage = customerMessage
    }

    enum CodingKeys: String, CodingKey {
        case handshakeTimeToComplete = "HandshakeTimeToComplete"
        case customerMessage = "CustomerMessage"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        handshakeTimeToComplete = try container.decodeIfPresent(Int64.self, forKey: .handshakeTimeToComplete) ?? 0
        customerMessage = try container.decodeIfPresent(String.self, forKey: .customerMessage) ?? ""
    }
}
