import Foundation

/// A signing time in the two forms SigV4 uses, always in UTC.
public struct AMZDate: Sendable, Equatable {
    /// `YYYYMMDD'T'HHMMSS'Z'`, the `X-Amz-Date` value: `20150830T123600Z`.
    public var timestamp: String
    /// `YYYYMMDD`, the date in the credential scope: `20150830`.
    public var day: String

    /// The UTC forms of `date`, with fractions of a second dropped.
    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        day = Self.digits(parts.year, 4) + Self.digits(parts.month, 2) + Self.digits(parts.day, 2)
        timestamp = day + "T" + Self.digits(parts.hour, 2) + Self.digits(parts.minute, 2)
            + Self.digits(parts.second, 2) + "Z"
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    private static func digits(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
