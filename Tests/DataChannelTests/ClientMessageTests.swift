import DataChannel
import Foundation
import Testing

struct ClientMessageTests {
    static let messageId = UUID(uuidString: "01234567-89ab-cdef-0011-223344556677")!

    /// input_stream_data, seq 5, "hi", assembled field by field from the layout table (§2).
    static let golden = hex("""
        00000074
        696e7075745f73747265616d5f64617461 202020202020202020202020202020
        00000001
        0000018bcfe56800
        0000000000000005
        0000000000000000
        0011223344556677 0123456789abcdef
        8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4
        00000001
        00000002
        6869
        """)

    static func message() -> ClientMessage {
        ClientMessage(messageType: .inputStreamData, sequenceNumber: 5, messageId: messageId,
                      createdDate: 1_700_000_000_000, payloadType: .output, payload: Array("hi".utf8))
    }

    @Test func encodesTheGoldenFrame() {
        #expect(Self.golden.count == 122)
        #expect(hexString(Self.message().encoded()) == hexString(Self.golden))
    }

    @Test func decodesTheGoldenFrame() throws {
        let message = try ClientMessage(decoding: Self.golden)
        #expect(message == Self.message())
        #expect(message.messageType == .inputStreamData)
        #expect(message.createdDate == 1_700_000_000_000)
        #expect(message.messageId == Self.messageId)
        #expect(message.payload == Array("hi".utf8))
    }

    @Test func messageIdHalvesAreSwappedOnTheWire() {
        #expect(Self.messageId.wireBytes == hex("0011223344556677 0123456789abcdef"))
        #expect(UUID(wireBytes: hex("0011223344556677 0123456789abcdef")) == Self.messageId)
        #expect(Self.messageId.lowercasedString == "01234567-89ab-cdef-0011-223344556677")
        let random = UUID()
        #expect(UUID(wireBytes: random.wireBytes) == random)
    }

    @Test func acceptsNulAndMixedPadding() throws {
        var frame = Self.golden
        for index in (4 + 17)..<36 { frame[index] = 0 }
        #expect(try ClientMessage(decoding: frame).messageType == .inputStreamData)
        frame[30] = 0x20
        #expect(try ClientMessage(decoding: frame).messageType == .inputStreamData)
    }

    @Test func emptyPayloadHasTheDigestOfNothing() throws {
        let ack = ClientMessage(messageType: .acknowledge, messageId: Self.messageId, createdDate: 1)
        let frame = ack.encoded()
        #expect(frame.count == 120)
        #expect(hexString(Array(frame[80..<112])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Array(frame[116..<120]) == [0, 0, 0, 0])
    }

    /// The golden frame with `bytes` written at `offset`.
    static func golden(patching offset: Int, _ bytes: [UInt8]) -> [UInt8] {
        var frame = golden
        frame.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        return frame
    }

    /// A malformed frame and the error it must give, named for the test report.
    struct BadFrame: CustomTestStringConvertible, Sendable {
        var name: String
        var frame: [UInt8]
        var error: DataChannelError
        var testDescription: String { name }

        init(_ name: String, _ frame: [UInt8], _ error: DataChannelError) {
            self.name = name
            self.frame = frame
            self.error = error
        }
    }

    @Test(arguments: [
        BadFrame("119 bytes", Array(golden.prefix(119)), .truncatedFrame(length: 119)),
        BadFrame("HeaderLength 120", golden(patching: 0, hex("00000078")), .invalidHeaderLength(120)),
        BadFrame("HeaderLength 0", golden(patching: 0, hex("00000000")), .invalidHeaderLength(0)),
        BadFrame("type all spaces", golden(patching: 4, [UInt8](repeating: 0x20, count: 32)), .emptyMessageType),
        BadFrame("type all NULs", golden(patching: 4, [UInt8](repeating: 0, count: 32)), .emptyMessageType),
        BadFrame("type not ASCII", golden(patching: 4, hex("c3a9")), .invalidMessageType),
        BadFrame("space inside type", golden(patching: 9, hex("20")), .invalidMessageType),
        BadFrame("SchemaVersion 0", golden(patching: 36, hex("00000000")), .unsupportedSchemaVersion(0)),
        BadFrame("SchemaVersion 2", golden(patching: 36, hex("00000002")), .unsupportedSchemaVersion(2)),
        BadFrame("CreatedDate 0", golden(patching: 40, hex("0000000000000000")), .missingCreatedDate),
        BadFrame("extra payload byte", golden + [0x21], .digestMismatch),
        BadFrame("payload byte changed", golden(patching: 121, hex("6a")), .digestMismatch),
        BadFrame("digest byte changed", golden(patching: 80, hex("00")), .digestMismatch),
    ])
    func rejects(_ bad: BadFrame) {
        #expect(throws: bad.error) { try ClientMessage(decoding: bad.frame) }
    }

    @Test func digestIsNotCheckedWhenPayloadLengthIsZero() throws {
        // The digest is that of "hi", the payload "hi!": accepted, as the Go peers do.
        let frame = Self.golden(patching: 116, hex("00000000")) + [0x21]
        #expect(try ClientMessage(decoding: frame).payload == Array("hi!".utf8))
    }

    @Test func payloadIsTheRestOfTheFrame() throws {
        // PayloadLength says 1; both Go peers take everything after the header anyway.
        let message = try ClientMessage(decoding: Self.golden(patching: 116, hex("00000001")))
        #expect(message.payload == Array("hi".utf8))
    }

    @Test func startAndPausePublicationAreExempt() throws {
        for type in ["start_publication", "pause_publication"] {
            var frame = [UInt8](repeating: 0, count: 120) + [1, 2, 3]
            frame.replaceSubrange(4..<(4 + type.utf8.count), with: Array(type.utf8))
            let message = try ClientMessage(decoding: frame)
            #expect(message.messageType.rawValue == type)
            #expect(message.payload == [1, 2, 3])
        }
    }

    @Test func unknownTypesDecode() throws {
        var message = Self.message()
        message.messageType = MessageType(rawValue: "agent_session_state")!
        #expect(try ClientMessage(decoding: message.encoded()).messageType == .agentSessionState)
        #expect(MessageType(rawValue: String(repeating: "x", count: 33)) == nil)
        #expect(MessageType(rawValue: "") == nil)
    }

    @Test func acknowledgementHasSequenceZeroFlagsThreeAndTheExactJSON() throws {
        var output = Self.message()
        output.messageType = .outputStreamData
        output.sequenceNumber = 7
        let ack = ClientMessage.acknowledgement(of: output, messageId: UUID(), createdDate: 1_700_000_000_000)
        let frame = ack.encoded()
        #expect(Array(frame[48..<56]) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(frame[56..<64]) == [0, 0, 0, 0, 0, 0, 0, 3])
        #expect(Array(frame[112..<116]) == [0, 0, 0, 0])
        #expect(String(decoding: ack.payload, as: UTF8.self) == """
            {"AcknowledgedMessageId":"01234567-89ab-cdef-0011-223344556677",\
            "AcknowledgedMessageSequenceNumber":7,\
            "AcknowledgedMessageType":"output_stream_data",\
            "IsSequentialMessage":true}
            """)
        // The plugin's field order decodes the same.
        let plugin = Array("""
            {"AcknowledgedMessageType":"input_stream_data","AcknowledgedMessageId":"x","AcknowledgedMessageSequenceNumber":3,"IsSequentialMessage":true}
            """.utf8)
        let content = try PayloadJSON.decode(AcknowledgeContent.self, from: plugin)
        #expect(content == AcknowledgeContent(acknowledgedMessageType: "input_stream_data", acknowledgedMessageId: "x",
                                              acknowledgedMessageSequenceNumber: 3))
    }

    @Test func channelClosedHasSequenceZeroFlagsThree() throws {
        let content = ChannelClosedContent(messageId: "m", createdDate: "d", destinationId: "t", sessionId: "s",
                                           output: "bye")
        let message = ClientMessage.channelClosed(content, messageId: UUID(), createdDate: 5)
        #expect(message.sequenceNumber == 0 && message.flags == .acknowledgement && message.payloadType == .unset)
        #expect(String(decoding: message.payload, as: UTF8.self) == """
            {"CreatedDate":"d","DestinationId":"t","MessageId":"m","MessageType":"channel_closed",\
            "Output":"bye","SchemaVersion":1,"SessionId":"s"}
            """)
    }
}
