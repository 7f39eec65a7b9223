/// Orders incoming stream messages by sequence number and says which to acknowledge, with the
/// rules of one of the two Go peers.
///
/// - Agent: seq == expected → process, then acknowledge; seq > expected → acknowledge and
///   buffer; seq < expected → acknowledge again.
/// - Plugin: the same, except that duplicates (seq < expected) are not acknowledged again.
///
/// Both: a message whose handler is not ready (the agent's pty not started, the plugin's
/// session handler not registered) is neither acknowledged nor consumed when it is the
/// expected one; the sender must retransmit it. Buffered messages are delivered only while
/// they are ready, so a later ``drain(isReady:)`` picks them up.
public struct IncomingBuffer<Message: Sendable>: Sendable {
    /// Whose rules to follow.
    public struct Rules: Hashable, Sendable {
        /// Acknowledge again a message already delivered.
        public var reacknowledgesDuplicates: Bool
        /// The most messages held out of order.
        public var capacity: Int

        public init(reacknowledgesDuplicates: Bool, capacity: Int) {
            self.reacknowledgesDuplicates = reacknowledgesDuplicates
            self.capacity = capacity
        }

        /// The agent's: re-acknowledges duplicates, holds 100 000.
        public static var agent: Rules { Rules(reacknowledgesDuplicates: true, capacity: 100_000) }
        /// The plugin's: ignores duplicates, holds 10 000.
        public static var plugin: Rules { Rules(reacknowledgesDuplicates: false, capacity: 10_000) }
    }

    /// What became of one received message.
    public enum Disposition: Hashable, Sendable {
        /// It was the expected one: delivered (with any buffered ones that now follow).
        case inOrder
        /// Ahead of the expected one: held.
        case buffered
        /// Already delivered, or already held.
        case duplicate
        /// The expected one, but its handler is not ready: dropped unacknowledged.
        case notReady
        /// Ahead, but the buffer is full: dropped unacknowledged.
        case overflow
    }

    /// The outcome of ``receive(_:sequenceNumber:isReady:)``.
    public struct Reception {
        public var disposition: Disposition
        /// Whether to acknowledge the received message (after processing `delivered`, for the agent).
        public var acknowledge: Bool
        /// Messages to process now, in order.
        public var delivered: [Message]
    }

    public let rules: Rules
    /// The next sequence number to deliver.
    public private(set) var expectedSequenceNumber: Int64 = 0
    private var held: [Int64: Message] = [:]

    public init(rules: Rules) { self.rules = rules }

    /// Number of messages held out of order.
    public var heldCount: Int { held.count }

    /// Takes in one message.
    public mutating func receive(_ message: Message, sequenceNumber: Int64,
                                 isReady: (Message) -> Bool) -> Reception {
        if sequenceNumber == expectedSequenceNumber {
            guard isReady(message) else { return Reception(disposition: .notReady, acknowledge: false, delivered: []) }
            held[sequenceNumber] = nil
            expectedSequenceNumber += 1
            return Reception(disposition: .inOrder, acknowledge: true, delivered: [message] + drain(isReady: isReady))
        }
        if sequenceNumber < expectedSequenceNumber {
            return Reception(disposition: .duplicate, acknowledge: rules.reacknowledgesDuplicates, delivered: [])
        }
        if held[sequenceNumber] != nil {
            return Reception(disposition: .duplicate, acknowledge: true, delivered: [])
        }
        guard held.count < rules.capacity else {
            return Reception(disposition: .overflow, acknowledge: false, delivered: [])
        }
        held[sequenceNumber] = message
        return Reception(disposition: .buffered, acknowledge: true, delivered: [])
    }

    /// Delivers held messages from the expected one on, while they are ready.
    public mutating func drain(isReady: (Message) -> Bool) -> [Message] {
        var delivered: [Message] = []
        while let next = held[expectedSequenceNumber], isReady(next) {
            held[expectedSequenceNumber] = nil
            expectedSequenceNumber += 1
            delivered.append(next)
        }
        return delivered
    }
}
