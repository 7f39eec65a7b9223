extension ECS {
    /// `DescribeTaskDefinition`: one task definition by `family`, `family:revision` or ARN.
    public struct DescribeTaskDefinitionRequest: ECSRequest, Hashable {
        public typealias Response = DescribeTaskDefinitionResponse
        public static let action = "DescribeTaskDefinition"

        /// `family` (its latest ACTIVE revision), `family:revision` or the full ARN.
        public var taskDefinition: String
        /// `["TAGS"]` to have the definition's tags returned.
        public var include: [String]?

        public init(taskDefinition: String, include: [String]? = ["TAGS"]) {
            self.taskDefinition = taskDefinition
            self.include = include
        }
    }

    public struct DescribeTaskDefinitionResponse: Codable, Sendable, Hashable {
        public var taskDefinition: TaskDefinition?
        /// The definition's tags, when asked for; they sit beside it, not in it.
        public var tags: [Tag]?

        public init(taskDefinition: TaskDefinition? = nil, tags: [Tag]? = nil) {
            self.taskDefinition = taskDefinition
            self.tags = tags
        }
    }
}
