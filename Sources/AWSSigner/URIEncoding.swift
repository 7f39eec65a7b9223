/// Percent-encoding as SigV4 defines it, which is stricter than URL encoding.
///
/// Only the unreserved characters `A-Z a-z 0-9 - _ . ~` are kept; every other UTF-8 byte
/// becomes `%XX` with upper-case hex, so a space is `%20` (never `+`) and `/` is `%2F` unless
/// it separates path segments.
public enum URIEncoding {
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Returns `text` percent-encoded; `/` is kept when `keepingSlashes` is true.
    public static func encode(_ text: some StringProtocol, keepingSlashes: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlashes && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns `text` with each `%XX` turned back into its byte; a `%` not followed by two hex
    /// digits is kept as it is, and `+` stays a plus. Invalid UTF-8 becomes U+FFFD.
    public static func decode(_ text: some StringProtocol) -> String {
        let input = Array(text.utf8)
        guard input.contains(UInt8(ascii: "%")) else { return String(text) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
               let high = Hex.value(of: input[index + 1]), let low = Hex.value(of: input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `byte` is one of SigV4's unreserved characters.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
