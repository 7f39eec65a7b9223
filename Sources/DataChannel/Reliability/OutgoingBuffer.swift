/// Sent stream messages awaiting acknowledgement, oldest first, with the retransmission rules
/// of one of the two Go peers.
///
/// The owner calls ``dueForRetransmission(at:)`` on a tick (both peers tick every 100 ms); only
/// the oldest unacknowledged message is ever resent. Time is passed in, never read.
public struct OutgoingBuffer<Message: Sendable>: Sendable {
    /// Whose rules to follow.
    public enum Behaviour: Hashable, Sendable {
        /// The agent: a resend updates the message's last-sent time; a full buffer refuses new
        /// messages (capacity 100 000).
        case agent
        /// The plugin: a resend does not update the last-sent time (the send time lives on a copy
        /// in Go), so after its first timeout the head goes out on every tick; a full buffer
        /// drops its oldest message (capacity 10 000).
        case plugin
    }

    /// One unacknowledged message.
    public struct Entry: Sendable {
        public let sequenceNumber: Int64
        public let message: Message
        public fileprivate(set) var lastSent: ContinuousClock.Instant
        public fileprivate(set) var resendCount = 0
    }

    public let behaviour: Behaviour
    public let capacity: Int
    /// The timeout, updated from every acknowledgement.
    public private(set) var timeout: RetransmissionTimeout
    /// Sorted by sequence number.
    public private(set) var entries: [Entry] = []

    public init(behaviour: Behaviour, capacity: Int? = nil, timeout: RetransmissionTimeout = RetransmissionTimeout()) {
        self.behaviour = behaviour
        self.capacity = capacity ?? (behaviour == .agent ? 100_000 : 10_000)
        self.timeout = timeout
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a message just sent at `now`. Returns false if the agent's full buffer refused it.
    @discardableResult
    public mutating func append(sequenceNumber: Int64, message: Message, sentAt now: ContinuousClock.Instant) -> Bool {
        if entries.count >= capacity {
            switch behaviour {
            case .agent: return false
            case .plugin: entries.removeFirst()
            }
        }
        let entry = Entry(sequenceNumber: sequenceNumber, message: message, lastSent: now)
        if let last = entries.last, last.sequenceNumber >= sequenceNumber {
            entries.insert(entry, at: insertionIndex(of: sequenceNumber))
        } else {
            entries.append(entry)
        }
        return true
    }

    /// Removes the message with `sequenceNumber` and folds `now − lastSent` into the timeout.
    /// Returns the removed entry, or nil if there is none (a duplicate acknowledgement).
    @discardableResult
    public mutating func acknowledge(sequenceNumber: Int64, at now: ContinuousClock.Instant) -> Entry? {
        let index = insertionIndex(of: sequenceNumber)
        guard index < entries.count, entries[index].sequenceNumber == sequenceNumber else { return nil }
        let entry = entries.remove(at: index)
        timeout.record(sample: now - entry.lastSent)
        return entry
    }

    /// The oldest message if its last send is more than the timeout before `now`; it then
    /// counts as resent at `now` (agent) or keeps its send time (plugin).
    public mutating func dueForRetransmission(at now: ContinuousClock.Instant) -> Entry? {
        guard !entries.isEmpty, now - entries[0].lastSent > timeout.timeout else { return nil }
        entries[0].resendCount += 1
        if behaviour == .agent { entries[0].lastSent = now }
        return entries[0]
    }

    /// First index whose sequence number is not below `sequenceNumber`.
    private func insertionIndex(of sequenceNumber: Int64) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].sequenceNumber < sequenceNumber { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
