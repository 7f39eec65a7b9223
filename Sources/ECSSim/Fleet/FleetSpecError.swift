/// Why a fleet spec cannot be built into a fleet.
public enum FleetSpecError: Error, Hashable, Sendable {
    /// The spec file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not JSON of the spec's shape; the text says where.
    case malformed(String)
    /// A cluster, service, family or container name is empty or has characters ECS refuses.
    case invalidName(kind: String, name: String)
    /// Two clusters, two services of a cluster, two revisions or two containers share a name.
    case duplicate(kind: String, name: String)
    /// A task definition has no containers.
    case noContainers(family: String)
    /// A service or task names a task definition the spec does not define.
    case unknownTaskDefinition(String, usedBy: String)
    /// Standalone tasks must name their task definition.
    case missingTaskDefinition(cluster: String)
    /// A field holds a value ECS does not know, such as launch type `EC3`.
    case invalidValue(field: String, value: String, allowed: [String])
    /// A count or revision is negative (or a revision is 0).
    case invalidNumber(field: String, value: Int)
    /// A region name that is empty or has characters AWS region names never have.
    case invalidRegion(String)
    /// A Fargate task's definition does not use the `awsvpc` network mode.
    case fargateNeedsAWSVPC(family: String)
}

extension FleetSpecError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read fleet spec \(path): \(reason)"
        case .malformed(let reason): "fleet spec is not valid: \(reason)"
        case .invalidName(let kind, let name):
            "invalid \(kind) name '\(name)': use 1 to 255 letters, digits, hyphens and underscores"
        case .duplicate(let kind, let name): "\(kind) '\(name)' is defined twice"
        case .noContainers(let family): "task definition '\(family)' has no containers"
        case .unknownTaskDefinition(let reference, let user): "\(user) uses task definition '\(reference)', which the spec does not define"
        case .missingTaskDefinition(let cluster): "standalone tasks of cluster '\(cluster)' need a taskDefinition"
        case .invalidValue(let field, let value, let allowed): "\(field) '\(value)' is not one of \(allowed.joined(separator: ", "))"
        case .invalidNumber(let field, let value): "\(field) \(value) is out of range"
        case .invalidRegion(let region): "invalid region '\(region)': use lower-case letters, digits and hyphens, such as eu-west-1"
        case .fargateNeedsAWSVPC(let family): "task definition '\(family)' runs on FARGATE, which needs networkMode awsvpc"
        }
    }
}
