extension DecodingError {
    /// Where decoding failed, as a path of members and indexes: `clusters[0].services[1].name`;
    /// empty at the top level.
    var fieldPath: String {
        let context: Context
        switch self {
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .keyNotFound(_, let found), .dataCorrupted(let found):
            context = found
        @unknown default:
            return ""
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return String(path.drop { $0 == "." })
    }
}
