import Foundation

/// ISO 8601 times as AWS writes them: `2026-11-29T08:13:25Z`, with or without fractional
/// seconds (moto writes microseconds), or with an offset.
enum ISO8601 {
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
