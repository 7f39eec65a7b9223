import Foundation

/// JSON for the data channel's payloads: keys sorted (so bytes are reproducible), slashes not
/// escaped, byte fields as standard padded base64 (Go's `[]byte`).
public enum PayloadJSON {
    /// The JSON bytes of `value`.
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Our payload types hold only strings, numbers, booleans and Data: encoding cannot fail.
        return Array(try! encoder.encode(value))
    }

    /// Decodes `bytes` as `type`, or throws ``DataChannelError/invalidPayload(_:)``.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(DataChannelError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .invalidPayload("\(T.self): \(error)")
        }
    }
}
