/// The per-session secret that frames a command's output in the PTY stream: the wrapper
/// prints `<marker> begin raw|crlf` before the command runs and `<marker> end <status>`
/// after it, and only these lines carry the marker.
///
/// 128 random bits in lower-case hex, drawn from the system's generator, so the command's own
/// output cannot contain it by chance, and a command that never learns it cannot forge it.
public struct ExitMarker: Sendable, Hashable, CustomStringConvertible {
    /// 32 lower-case hex digits.
    public let text: String

    /// A fresh random marker.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    /// A marker drawn from `generator` (tests pin it).
    public init(using generator: inout some RandomNumberGenerator) {
        let digits = Array("0123456789abcdef")
        var text = "ecsn"
        var high = generator.next() as UInt64, low = generator.next() as UInt64
        for _ in 0..<16 { text.append(digits[Int(high & 0xF)]); high >>= 4 }
        for _ in 0..<16 { text.append(digits[Int(low & 0xF)]); low >>= 4 }
        self.text = text
    }

    /// A marker with the given text (tests).
    public init(text: String) {
        self.text = text
    }

    public var description: String { text }
}
