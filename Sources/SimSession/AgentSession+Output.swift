import DataChannel
import Foundation
import NIOCore
import NIOWebSocket

extension AgentSession {
    /// What an outgoing frame is, for the faults.
    enum FrameKind {
        /// output_stream_data, first send or resend: drop, duplicate, reorder.
        case output
        /// An acknowledgement: lost, then drop, duplicate, reorder.
        case acknowledgement
    }

    /// Sends one output_stream_data message: the next sequence number, SYN on 0, the payload
    /// encrypted if it is PayloadType 1 of a KMS session; kept until acknowledged.
    func sendStreamData(_ payload: [UInt8], payloadType: PayloadType) {
        let sequenceNumber = nextSequenceNumber
        nextSequenceNumber += 1
        let sealed = payloadType == .output ? cipher.map { $0.encrypt(payload) } ?? payload : payload
        let frame = ClientMessage.streamData(
            .outputStreamData, sequenceNumber: sequenceNumber, payloadType: payloadType, payload: sealed,
            messageId: UUID(), createdDate: Self.now(), flags: sequenceNumber == 0 ? .syn : []
        ).encoded()
        outgoing.append(sequenceNumber: sequenceNumber, message: frame, sentAt: .now)
        transmit(frame, kind: .output)
        guard payloadType == .output else { return }
        outputBytesSent += payload.count
        if let limit = faults.disconnectAfterBytes, outputBytesSent >= limit {
            hub.record { $0.abruptDisconnects += 1 }
            phase = .closing
            channel.close(promise: nil)
        }
    }

    /// Acknowledges `message`: sequence number 0, Flags 3, AcknowledgeContent JSON.
    func sendAcknowledgement(of message: ClientMessage) {
        hub.record { $0.acksSent += 1 }
        if dice.roll(faults.lostAckRate) {
            hub.record { $0.acksLost += 1 }
            return
        }
        let frame = ClientMessage.acknowledgement(of: message, messageId: UUID(), createdDate: Self.now()).encoded()
        transmit(frame, kind: .acknowledgement)
    }

    /// Writes `frame` through the faults: dropped, held back until after the next frame, or
    /// written (and maybe written twice).
    func transmit(_ frame: [UInt8], kind: FrameKind) {
        guard phase != .closed else { return }
        if dice.roll(faults.dropRate) {
            hub.record { $0.framesDropped += 1 }
            return
        }
        if heldFrame == nil, dice.roll(faults.reorderRate) {
            hub.record { $0.framesReordered += 1 }
            heldFrame = frame
            return
        }
        writeFrame(frame)
        flushHeldFrame()
        if dice.roll(faults.duplicateRate) {
            hub.record { $0.framesDuplicated += 1 }
            writeFrame(frame)
        }
    }

    /// Sends the frame the reorder fault held back, if any.
    func flushHeldFrame() {
        guard let frame = heldFrame else { return }
        heldFrame = nil
        writeFrame(frame)
    }

    /// One binary WebSocket frame, unmasked (server to client). Once the session is closing
    /// only channel_closed itself goes out.
    func writeFrame(_ frame: [UInt8], evenWhenClosing: Bool = false) {
        guard channel.isActive, !closeSent, evenWhenClosing || (phase != .closing && phase != .closed) else { return }
        hub.record { $0.framesSent += 1 }
        let buffer = channel.allocator.buffer(bytes: frame)
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .binary, data: buffer), promise: nil)
    }
}
