import AWSCore

/// A region or cluster a poll could not list; the rest of the inventory is still listed.
public struct PollFailure: Sendable, Hashable, CustomStringConvertible {
    /// The region asked.
    public var region: String
    /// The cluster whose tasks could not be listed or described, or nil when the region's
    /// ListClusters failed.
    public var cluster: String?
    /// What went wrong, with the hint of an AWS error.
    public var message: String
    /// Whether the failure was the network's (no answer) rather than an AWS error.
    public var isNetwork: Bool

    init(region: String, cluster: String?, error: any Error) {
        self.region = region
        self.cluster = cluster
        self.message = String(describing: error)
        self.isNetwork = !(error is AWSError)
    }

    public var description: String {
        let scope = cluster.map { "cluster \(ARN.name($0)) in \($0.hasPrefix("arn:") ? ARN($0)?.region ?? region : region)" }
            ?? "region \(region)"
        return "\(scope): \(message)"
    }
}
