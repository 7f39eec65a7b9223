import Foundation
import Synchronization

/// The last ECS requests received and how they were answered, for `GET /_sim/requests`:
/// tests read what a client sent (filters, batch sizes, the region it signed for) from it.
/// `POST /_sim/reset` empties it.
final class RequestLog: Sendable {
    /// One request: its action (nil when `X-Amz-Target` names none), the region of its
    /// signature (nil when it was not verified), its body and the answer's status and error code.
    struct Entry: Sendable {
        var action: String?
        var region: String?
        var body: [UInt8]
        var status: Int
        var error: String?
    }

    /// The most entries kept; older ones are dropped and counted.
    let capacity: Int
    private let state = Mutex<(entries: [Entry], dropped: Int)>(([], 0))

    init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    func record(_ entry: Entry) {
        state.withLock { state in
            if state.entries.count >= capacity {
                let excess = state.entries.count - capacity + 1
                state.entries.removeFirst(excess)
                state.dropped += excess
            }
            state.entries.append(entry)
        }
    }

    func reset() { state.withLock { $0 = ([], 0) } }

    /// `{"requests": [{"action", "region", "body", "status", "error"}…], "dropped": n}`, oldest
    /// first; a body that is JSON appears as JSON, any other as a string.
    var json: [UInt8] {
        let (entries, dropped) = state.withLock { ($0.entries, $0.dropped) }
        let requests: [[String: Any]] = entries.map { entry in
            var object: [String: Any] = ["status": entry.status]
            object["action"] = entry.action
            object["region"] = entry.region
            object["error"] = entry.error
            let data = Data(entry.body.isEmpty ? Array("{}".utf8) : entry.body)
            object["body"] = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
                ?? String(decoding: entry.body, as: UTF8.self)
            return object
        }
        let document: [String: Any] = ["requests": requests, "dropped": dropped]
        // Built from JSON values only: serialising cannot fail.
        return Array(try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
