import Foundation

extension ClientMessage {
    /// The acknowledgement of `message`: type `acknowledge`, sequence number 0, Flags 3,
    /// PayloadType 0, a fresh MessageId, ``AcknowledgeContent`` JSON.
    public static func acknowledgement(of message: ClientMessage, messageId: UUID,
                                       createdDate: UInt64) -> ClientMessage {
        ClientMessage(messageType: .acknowledge, sequenceNumber: 0, flags: .acknowledgement,
                      messageId: messageId, createdDate: createdDate, payloadType: .unset,
                      payload: PayloadJSON.encode(AcknowledgeContent(acknowledging: message)))
    }

    /// `channel_closed`: sequence number 0, Flags 3, PayloadType 0, ``ChannelClosedContent`` JSON.
    public static func channelClosed(_ content: ChannelClosedContent, messageId: UUID,
                                     createdDate: UInt64) -> ClientMessage {
        ClientMessage(messageType: .channelClosed, sequenceNumber: 0, flags: .acknowledgement,
                      messageId: messageId, createdDate: createdDate, payloadType: .unset,
                      payload: PayloadJSON.encode(content))
    }

    /// A stream message (`input_stream_data` or `output_stream_data`). The agent sets SYN on
    /// sequence number 0 of its output; the plugin's input always has Flags 0.
    public static func streamData(_ type: MessageType, sequenceNumber: Int64, payloadType: PayloadType,
                                  payload: [UInt8], messageId: UUID, createdDate: UInt64,
                                  flags: MessageFlags = []) -> ClientMessage {
        ClientMessage(messageType: type, sequenceNumber: sequenceNumber, flags: flags, messageId: messageId,
                      createdDate: createdDate, payloadType: payloadType, payload: payload)
    }
}
