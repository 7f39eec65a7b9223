/// A registered task definition, `family:revision`.
struct FleetTaskDefinition: Sendable {
    var family: String
    var revision: Int
    var arn: String
    var cpu: String?
    var memory: String?
    /// `awsvpc`, `bridge`, `host` or `none`.
    var networkMode: String
    var requiresCompatibilities: [String]
    var tags: [FleetTag]
    var taskRoleArn: String?
    /// `task`, `host` or none.
    var pidMode: String?
    var containers: [ContainerSpec]
    var registeredAt: Double

    /// `family:revision`.
    var name: String { "\(family):\(revision)" }
}
