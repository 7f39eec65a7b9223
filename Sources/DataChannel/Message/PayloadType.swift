/// The PayloadType header field (uint32); 0 for acknowledgements and channel_closed.
public struct PayloadType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Unset: acknowledgements and control messages.
    public static let unset = PayloadType(rawValue: 0)
    /// Terminal bytes: output from the agent, stdin from the client.
    public static let output = PayloadType(rawValue: 1)
    /// An error message.
    public static let error = PayloadType(rawValue: 2)
    /// Terminal size, JSON ``SizeContent``.
    public static let size = PayloadType(rawValue: 3)
    /// Parameters (unused by ECS exec).
    public static let parameter = PayloadType(rawValue: 4)
    /// ``HandshakeRequest``, agent → client.
    public static let handshakeRequest = PayloadType(rawValue: 5)
    /// ``HandshakeResponse``, client → agent.
    public static let handshakeResponse = PayloadType(rawValue: 6)
    /// ``HandshakeComplete``, agent → client.
    public static let handshakeComplete = PayloadType(rawValue: 7)
    /// ``EncryptionChallenge`` sent by the agent.
    public static let encChallengeRequest = PayloadType(rawValue: 8)
    /// ``EncryptionChallenge`` answered by the client.
    public static let encChallengeResponse = PayloadType(rawValue: 9)
    /// A 4-byte big-endian flag (port sessions only).
    public static let flag = PayloadType(rawValue: 10)
    /// Standard error of NonInteractiveCommands sessions.
    public static let stdErr = PayloadType(rawValue: 11)
    /// `EXIT_CODE: <n>` text of NonInteractiveCommands sessions; never sent for ECS exec.
    public static let exitCode = PayloadType(rawValue: 12)
}

extension PayloadType: CustomStringConvertible {
    public var description: String { String(rawValue) }
}
