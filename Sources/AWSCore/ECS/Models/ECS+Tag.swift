extension ECS {
    /// A resource tag: `{"key": "env", "value": "prod"}`.
    public struct Tag: Codable, Sendable, Hashable {
        public var key: String?
        public var value: String?

        public init(key: String?, value: String?) {
            self.key = key
            self.value = value
        }
    }

    /// A `{"name", "value"}` pair, as in attachment details and environments.
    public struct KeyValuePair: Codable, Sendable, Hashable {
        public var name: String?
        public var value: String?

        public init(name: String?, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// An item a describe call could not return: `{"arn", "reason": "MISSING", "detail"}`.
    public struct Failure: Codable, Sendable, Hashable {
        public var arn: String?
        public var reason: String?
        public var detail: String?

        public init(arn: String?, reason: String?, detail: String? = nil) {
            self.arn = arn
            self.reason = reason
            self.detail = detail
        }
    }
}

extension [ECS.Tag] {
    /// The tags as a dictionary; for a key given twice, the last value wins.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for tag in self {
            if let key = tag.key { result[key] = tag.value ?? "" }
        }
        return result
    }
}
