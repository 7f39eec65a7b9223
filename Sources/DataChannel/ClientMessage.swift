/// One message of the SSM Session Manager data channel (placeholder; see
/// ../shared/design/ssm-data-channel.md §2 for the layout the codec implements).
public struct ClientMessage: Sendable, Equatable {
    public init() {}
}
