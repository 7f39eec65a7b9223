import SimSession
/// The faults one ECS call meets: the API faults in force when it arrived, with the fault
/// seed, what its dice decided, and what the faults decide without dice (refused actions and
/// clusters, the page cap, vanished tasks).
struct CallFaults: Sendable {
    /// Whether the call is reset, throttled, failed, or (a valid ExecuteCommand) told the
    /// target is not connected.
    struct Dice: Sendable, Hashable {
        var reset = false
        /// Waits ``APIFaults/spikeMilliseconds`` more.
        var spike = false
        var throttle = false
        var error = false
        var targetNotConnected = false
    }

    let api: APIFaults
    let seed: UInt64
    let dice: Dice
    private let vanishing: Set<String>

    init(api: APIFaults, seed: UInt64, dice: Dice = Dice()) {
        self.api = api
        self.seed = seed
        self.dice = dice
        vanishing = Set(api.vanishTasks)
    }

    /// Actions that name a cluster in `cluster`, or `clusters` for DescribeClusters: the ones a
    /// refused cluster refuses.
    static let clusterActions: Set<String> = [
        "DescribeClusters", "ListServices", "DescribeServices", "ListTasks", "DescribeTasks", "ExecuteCommand",
    ]

    /// The refusal `action` meets in `region`, if any: the action itself is denied (on the
    /// cluster it names, else on `*`), or a cluster it names is.
    func refusal(of action: String, body: [UInt8], region: String) -> APIError? {
        let clusters = Self.clusterActions.contains(action) ? Self.clusterARNs(in: body, action: action, region: region) : []
        if api.deny.contains(action) { return .accessDenied(action: action, resource: clusters.first ?? "*") }
        guard !api.denyClusters.isEmpty else { return nil }
        for arn in clusters where api.denyClusters.contains(where: { $0 == arn || $0 == Self.clusterName(arn) }) {
            return .accessDenied(action: action, resource: arn)
        }
        return nil
    }

    /// Whether DescribeTasks reports `task` as `MISSING`: it is listed in ``APIFaults/vanishTasks``,
    /// or the per-task dice of ``APIFaults/vanishRate`` say so.
    func vanishes(_ task: FleetTask) -> Bool {
        if vanishing.contains(task.id) || vanishing.contains(task.arn) { return true }
        guard api.vanishRate > 0 else { return false }
        var random = SeededRandom(seed: seed, "vanish", task.arn)
        return random.chance(api.vanishRate)
    }

    /// The ARNs of the clusters the request names, in `region` (a name, or none for `default`,
    /// becomes the ARN it has there); none when the body is not JSON of the expected shape.
    static func clusterARNs(in body: [UInt8], action: String, region: String) -> [String] {
        struct References: Decodable {
            var cluster: String?
            var clusters: [String]?
        }
        guard let references = try? JSONBody.decode(References.self, from: body) else { return [] }
        var named = action == "DescribeClusters" ? references.clusters ?? [] : [references.cluster ?? ""]
        if named.isEmpty { named = [""] }
        return named.map { reference in
            if reference.hasPrefix("arn:") { return reference }
            return "arn:aws:ecs:\(region):\(Fleet.account):cluster/\(reference.isEmpty ? "default" : reference)"
        }
    }

    /// `NAME` of `arn:…:cluster/NAME`.
    static func clusterName(_ arn: String) -> String {
        guard let slash = arn.firstIndex(of: "/"), arn[..<slash].hasSuffix(":cluster") else { return arn }
        return String(arn[arn.index(after: slash)...])
    }
}
