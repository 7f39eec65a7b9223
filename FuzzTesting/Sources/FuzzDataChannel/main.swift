import FuzzSupport
import DataChannel
import Foundation

/// The data-channel message decoder on arbitrary frames: each frame is refused with a
/// ``DataChannelError`` or decoded, never a trap; a decoded message whose frame declared its
/// true payload length encodes to a frame that decodes to the same message. (A frame that
/// declares 0 is accepted unchecked with the rest of the frame as payload, as the Go peers
/// do; encoding it states the real length, and then its digest is checked.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataChannel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let frame = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? ClientMessage(decoding: frame) else { return 0 }
    let declared = frame.count >= 120 ? frame[116..<120].reduce(0) { $0 << 8 | Int($1) } : -1
    guard declared == message.payload.count else { return 0 }
    let again = try? ClientMessage(decoding: message.encoded())
    precondition(again == message, "encode/decode round trip failed: \(message) vs \(String(describing: again))")
    return 0
}

runFuzzer(fuzzDataChannel)
