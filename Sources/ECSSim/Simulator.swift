import SimSession

/// ecs-sim: a local ECS API and Session Manager data channel (placeholder).
public struct Simulator: Sendable {
    public init() {}
}
