import Foundation

/// JSON request and response bodies of the JSON 1.1 protocol.
enum JSONBody {
    /// `value` as JSON bytes.
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Every shape here is plain data: encoding cannot fail.
        return Array(try! encoder.encode(value))
    }

    /// The request body as `Request`: an empty body counts as `{}`; anything that is not a JSON
    /// object of the shape (a member of the wrong type) is a `SerializationException`.
    static func decode<Request: Decodable>(_ type: Request.Type, from body: [UInt8]) throws(APIError) -> Request {
        let data = body.isEmpty ? Data("{}".utf8) : Data(body)
        do {
            return try JSONDecoder().decode(Request.self, from: data)
        } catch let error as DecodingError {
            throw .serialization(describe(error))
        } catch {
            throw .serialization("The request body could not be read.")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch where error.fieldPath.isEmpty:
            return "The request body must be a JSON object."
        case .typeMismatch(let type, _), .valueNotFound(let type, _):
            return "Unexpected value for '\(error.fieldPath)': expected \(name(of: type))."
        case .dataCorrupted where error.fieldPath.isEmpty:
            return "The request body is not valid JSON."
        case .dataCorrupted:
            return "Unexpected value for '\(error.fieldPath)'."
        case .keyNotFound(let key, _):
            return "Missing member '\(key.stringValue)'."
        @unknown default:
            return "The request body could not be read."
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is [String].Type, is [Any].Type: "a list"
        default: "\(type)"
        }
    }
}
