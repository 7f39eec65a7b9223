extension ECS {
    /// Where a task runs: `EC2`, `FARGATE`, `EXTERNAL` or `MANAGED_INSTANCES`, or a value AWS
    /// adds later.
    public struct LaunchType: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let ec2 = LaunchType(rawValue: "EC2")
        public static let fargate = LaunchType(rawValue: "FARGATE")
        public static let external = LaunchType(rawValue: "EXTERNAL")
        public static let managedInstances = LaunchType(rawValue: "MANAGED_INSTANCES")
    }

    /// The `desiredStatus` that `ListTasks` filters on: `RUNNING` (what ECS assumes when none
    /// is given), `PENDING` or `STOPPED`.
    public struct DesiredStatus: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let running = DesiredStatus(rawValue: "RUNNING")
        public static let pending = DesiredStatus(rawValue: "PENDING")
        public static let stopped = DesiredStatus(rawValue: "STOPPED")
    }
}
