extension KeyedDecodingContainer {
    /// A string field that some peers send as a JSON number: container `cpu` and `memory` are
    /// strings in the ECS model, and moto sends them as numbers (aws-core.md §3.3). A number
    /// becomes its decimal text (`256`, `0.5`); null, a missing key or another type gives nil.
    func decodeLenientString(forKey key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        if let integer = try? decodeIfPresent(Int64.self, forKey: key) { return String(integer) }
        if let number = try? decodeIfPresent(Double.self, forKey: key) { return String(number) }
        return nil
    }

    /// An integer field that a peer might send as a string (`"128"`); anything else gives nil.
    func decodeLenientInt(forKey key: Key) -> Int? {
        if let integer = try? decodeIfPresent(Int.self, forKey: key) { return integer }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int(text) }
        return nil
    }
}
