/// A resource tag, `{"key": "env", "value": "prod"}` on the wire.
struct FleetTag: Sendable, Hashable, Codable {
    var key: String
    var value: String

    /// The tags of a spec's `{"key": "value"}` object, sorted by key (the wire keeps
    /// insertion order; a JSON object has none to keep).
    static func sorted(_ tags: [String: String]?) -> [FleetTag] {
        (tags ?? [:]).sorted { $0.key < $1.key }.map { FleetTag(key: $0.key, value: $0.value) }
    }
}
