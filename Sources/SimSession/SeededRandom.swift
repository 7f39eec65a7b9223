/// A small deterministic random number generator (SplitMix64) for ecs-sim: fleet ids, API
/// fault dice and the data channel's fault dice.
///
/// A generator can be keyed by labels as well as the seed (`SeededRandom(seed: 7, "prod",
/// "web", "3")`), so each task gets its own stream: its ids do not depend on how many tasks
/// came before it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A stream for `labels` under `seed`: the seed mixed with the FNV-1a hash of the labels.
    public init(seed: UInt64, _ labels: String...) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for label in labels {
            for byte in label.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        state = seed ^ hash
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// True with probability `rate` (never for 0, always for 1).
    public mutating func chance(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        return Double(next() >> 11) / Double(1 << 53) < rate
    }

    /// `count` random bytes as lower-case hex.
    public mutating func hex(bytes count: Int) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(count * 2)
        var word = next(), left = 8
        for _ in 0..<count {
            if left == 0 { word = next(); left = 8 }
            let byte = UInt8(truncatingIfNeeded: word)
            word >>= 8
            left -= 1
            digits.append(Self.hexDigits[Int(byte >> 4)])
            digits.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// A random (version 4) UUID in lower case: `429ad289-d8da-4265-aaa5-12aa40cc5f8d`.
    public mutating func uuid() -> String {
        var text = Array(hex(bytes: 16).utf8)
        text[12] = UInt8(ascii: "4")
        text[16] = Self.hexDigits[8 + Int(text[16] % 4)]
        let parts = [text[0..<8], text[8..<12], text[12..<16], text[16..<20], text[20..<32]]
        return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }

    /// `count` characters from `a-z0-9`.
    public mutating func base36(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<count).map { _ in alphabet[Int(next() % 36)] }, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
