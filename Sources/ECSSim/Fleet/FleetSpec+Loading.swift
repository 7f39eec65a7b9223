import Foundation

extension FleetSpec {
    /// The spec in the JSON file at `path`.
    public static func load(path: String) throws(FleetSpecError) -> FleetSpec {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data)
    }

    /// The spec `data` holds, or where it departs from the spec's shape.
    public static func decode(_ data: Data) throws(FleetSpecError) -> FleetSpec {
        do {
            return try JSONDecoder().decode(FleetSpec.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(Self.describe(error))
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// A decoding error in a line, naming the path of the field: `clusters[0].services[1].name`.
    static func describe(_ error: DecodingError) -> String {
        let path = error.fieldPath.isEmpty ? "the top level" : error.fieldPath
        switch error {
        case .keyNotFound(let key, _): return "missing '\(key.stringValue)' at \(path)"
        case .typeMismatch(let type, _): return "expected \(type) at \(path)"
        case .valueNotFound(let type, _): return "expected \(type) at \(path), found null"
        case .dataCorrupted where error.fieldPath.isEmpty: return "not valid JSON"
        case .dataCorrupted: return "invalid value at \(path)"
        @unknown default: return "\(error)"
        }
    }
}
