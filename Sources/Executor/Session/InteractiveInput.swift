import DataChannel

/// What an interactive session (``DataChannelSession/interactive``) sends besides its first
/// terminal size: the user's keystrokes, and new sizes when the terminal is resized.
public enum InteractiveInput: Sendable, Hashable {
    /// Bytes for the remote terminal, as typed (Ctrl-C is the byte 0x03).
    case bytes([UInt8])
    /// The local terminal's new size.
    case resize(SizeContent)
}

/// The interactive side of a session: the terminal size to start with and the input to forward.
public struct InteractiveSession: Sendable {
    /// Sent first, before any input (the agent sizes the PTY with it).
    public var size: SizeContent
    /// Forwarded as it comes; when it ends, nothing more is sent (the session goes on until
    /// the remote end closes it).
    public var input: AsyncStream<InteractiveInput>

    public init(size: SizeContent, input: AsyncStream<InteractiveInput>) {
        self.size = size
        self.input = input
    }
}
