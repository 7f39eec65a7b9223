import FuzzSupport
import DataChannel
import Foundation

/// The data-channel message decoder on arbitrary frames, then what the client reads from a
/// decoded message's payload: each frame is refused with a ``DataChannelError`` or decoded,
/// never a trap, and so is each payload.
///
/// Every input is tried twice: as it is, and with its PayloadDigest made right for its payload,
/// so that mutations are not all stopped by the digest check and reach the payload readers.
/// A decoded message whose frame declared its true payload length encodes to a frame that
/// decodes to the same message. (A frame that declares 0 is accepted unchecked with the rest of
/// the frame as payload, as the Go peers do; encoding it states the real length, and then its
/// digest is checked.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataChannel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let frame = Array(UnsafeBufferPointer(start: data, count: size))
    check(frame)
    if frame.count >= ClientMessage.headerSize { check(withTrueDigest(frame)) }
    return 0
}

func check(_ frame: [UInt8]) {
    guard let message = try? ClientMessage(decoding: frame) else { return }
    readPayload(of: message)
    let declared = frame[116..<120].reduce(0) { $0 << 8 | Int($1) }
    guard declared == message.payload.count else { return }
    let again = try? ClientMessage(decoding: message.encoded())
    precondition(again == message, "encode/decode round trip failed: \(message) vs \(String(describing: again))")
}

/// `frame` with bytes 80–111 set to the SHA-256 of its payload, as our encoder writes it.
func withTrueDigest(_ frame: [UInt8]) -> [UInt8] {
    let payload = Array(frame[ClientMessage.headerSize...])
    let digest = ClientMessage(messageType: .outputStreamData, messageId: UUID(), createdDate: 1, payload: payload).payloadDigest
    var fixed = frame
    fixed.replaceSubrange(80..<112, with: digest)
    return fixed
}

/// A fixed session key, so encrypted payloads are opened (and refused) as in a KMS session.
let cipher = try! SessionCipher.client(dataKey: (0..<64).map { UInt8($0) })

/// What the client's state machine reads, by message type and payload type.
func readPayload(of message: ClientMessage) {
    switch message.messageType {
    case .acknowledge:
        _ = try? PayloadJSON.decode(AcknowledgeContent.self, from: message.payload)
    case .channelClosed:
        _ = try? PayloadJSON.decode(ChannelClosedContent.self, from: message.payload)
    default:
        switch message.payloadType {
        case .handshakeRequest:
            _ = try? PayloadJSON.decode(HandshakeRequest.self, from: message.payload)
        case .handshakeComplete:
            _ = try? PayloadJSON.decode(HandshakeComplete.self, from: message.payload)
        case .encChallengeRequest:
            if let challenge = try? PayloadJSON.decode(EncryptionChallenge.self, from: message.payload) {
                _ = try? cipher.decrypt(Array(challenge.challenge))
            }
        default:
            _ = try? cipher.decrypt(message.payload)
        }
    }
}

runFuzzer(fuzzDataChannel)
