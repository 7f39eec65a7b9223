import Foundation
import SimSession

extension SimulatorCore {
    /// `/_sim/*`, unauthenticated: `GET health`, `GET stats`, `GET requests`, `GET`/`POST faults`,
    /// `POST reset`, `GET credentials` (a new temporary key), `POST credentials/revoke`.
    func simEndpoint(_ request: SimRequest) -> HTTPReply {
        switch (request.method, request.path) {
        case ("GET", "/_sim/health"):
            return .json(JSONBody.encode(["status": "ok"]))
        case ("GET", "/_sim/stats"):
            let keys = temporaryKeys.counts
            return .json(JSONBody.encode(StatsReport(counts: stats.snapshot, channel: hub.stats(),
                                                     credentials: ["issued": keys.issued, "revoked": keys.revoked])))
        case ("GET", "/_sim/credentials"):
            return .json(TemporaryKeys.document(temporaryKeys.issue()))
        case ("POST", "/_sim/credentials/revoke"):
            return .json(JSONBody.encode(["revoked": temporaryKeys.revokeAll()]))
        case ("GET", "/_sim/requests"):
            return .json(requests.json)
        case ("GET", "/_sim/faults"):
            return .json(JSONBody.encode(faults.settings))
        case ("POST", "/_sim/faults"):
            let body = Data(request.body.isEmpty ? Array("{}".utf8) : request.body)
            guard let settings = try? JSONDecoder().decode(FaultSettings.self, from: body) else {
                return .json(status: 400, JSONBody.encode(["message": "the body is not a fault settings object (see docs/ecs-sim.md)"]))
            }
            let problems = Self.problems(settings)
            guard problems.isEmpty else { return .json(status: 400, JSONBody.encode(["message": problems.joined(separator: "; ")])) }
            faults.apply(settings)
            return .json(JSONBody.encode(faults.settings))
        case ("POST", "/_sim/reset"):
            stats.reset()
            requests.reset()
            hub.resetStats()
            return .json(JSONBody.encode(["status": "ok"]))
        default:
            return .json(status: 404, JSONBody.encode(["message": "no simulator endpoint \(request.method) \(request.path)"]))
        }
    }

    /// Rates outside 0…1 and negative amounts, named.
    static func problems(_ settings: FaultSettings) -> [String] {
        var problems: [String] = []
        func rate(_ name: String, _ value: Double?) {
            if let value, !(0...1).contains(value) { problems.append("\(name) must be between 0 and 1") }
        }
        func amount(_ name: String, _ value: Int?) {
            if let value, value < 0 { problems.append("\(name) must not be negative") }
        }
        if let api = settings.api {
            amount("latencyMs", api.latencyMilliseconds)
            amount("spikeMs", api.spikeMilliseconds)
            rate("spikeRate", api.spikeRate)
            rate("throttleRate", api.throttleRate)
            rate("errorRate", api.errorRate)
            rate("resetRate", api.resetRate)
            rate("targetNotConnectedRate", api.targetNotConnectedRate)
            rate("vanishRate", api.vanishRate)
            if let size = api.pageSize, size < 1 { problems.append("pageSize must be at least 1") }
            let unknown = api.deny.filter { !ECSAPI.actions.contains($0) }
            if !unknown.isEmpty {
                problems.append("deny names no action ecs-sim serves: \(unknown.joined(separator: ", "))")
            }
        }
        if let channel = settings.channel {
            rate("dropRate", channel.dropRate)
            rate("duplicateRate", channel.duplicateRate)
            rate("reorderRate", channel.reorderRate)
            rate("lostAckRate", channel.lostAckRate)
            amount("disconnectAfterBytes", channel.disconnectAfterBytes)
            amount("agentStartDelayMs", channel.agentStartDelayMilliseconds)
        }
        return problems
    }

    /// The body of `GET /_sim/stats`.
    struct StatsReport: Encodable {
        var counts: StatsRecorder.Counts
        var channel: ChannelStats
        /// Temporary keys `issued` and `revoked`.
        var credentials: [String: Int]

        enum CodingKeys: String, CodingKey {
            case calls, totalCalls, kmsCalls, errors, faults, sessionsStarted, inFlight, maxInFlight, channel, credentials
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(counts.calls, forKey: .calls)
            try c.encode(counts.totalCalls, forKey: .totalCalls)
            try c.encode(counts.kmsCalls, forKey: .kmsCalls)
            try c.encode(counts.errors, forKey: .errors)
            try c.encode(counts.faults, forKey: .faults)
            try c.encode(counts.sessionsStarted, forKey: .sessionsStarted)
            try c.encode(counts.inFlight, forKey: .inFlight)
            try c.encode(counts.maxInFlight, forKey: .maxInFlight)
            try c.encode(channel, forKey: .channel)
            try c.encode(credentials, forKey: .credentials)
        }
    }
}
