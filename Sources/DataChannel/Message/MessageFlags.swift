/// The Flags header field (uint64).
public struct MessageFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Bit 0: set by the agent on output sequence number 0.
    public static let syn = MessageFlags(rawValue: 1)
    /// Bit 1.
    public static let fin = MessageFlags(rawValue: 2)
    /// SYN | FIN (3): what acknowledgements and channel_closed carry.
    public static let acknowledgement: MessageFlags = [.syn, .fin]
}
