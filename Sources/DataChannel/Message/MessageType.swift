/// The MessageType header field: ASCII, at most 32 bytes, padded with spaces on the wire.
///
/// A struct rather than an enum because peers send types this codec does not know (they are
/// ignored, not rejected), e.g. `agent_session_state`.
public struct MessageType: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    /// Returns nil unless `rawValue` is 1 to 32 printable ASCII characters.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard !bytes.isEmpty, bytes.count <= ClientMessage.messageTypeSize,
              bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        self.rawValue = rawValue
    }

    private init(known: String) { rawValue = known }

    /// Client → agent: stdin, terminal size, handshake responses.
    public static let inputStreamData = MessageType(known: "input_stream_data")
    /// Agent → client: output and handshake requests.
    public static let outputStreamData = MessageType(known: "output_stream_data")
    /// Both ways: acknowledges one stream message by sequence number.
    public static let acknowledge = MessageType(known: "acknowledge")
    /// Service → client: the session is over.
    public static let channelClosed = MessageType(known: "channel_closed")
    /// Service → peer: resume sending.
    public static let startPublication = MessageType(known: "start_publication")
    /// Service → peer: stop sending.
    public static let pausePublication = MessageType(known: "pause_publication")
    /// Agent → service; not expected at a client.
    public static let agentSessionState = MessageType(known: "agent_session_state")
}

extension MessageType: CustomStringConvertible {
    public var description: String { rawValue }
}
