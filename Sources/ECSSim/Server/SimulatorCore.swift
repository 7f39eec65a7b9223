import AWSSigner
import Foundation
import SimSession

/// Everything behind the HTTP server: routes a whole request to the ECS API, the hub's KMS
/// or a `/_sim/*` endpoint, with SigV4 verification, API faults and counters.
///
/// Pure request-in, response-out, safe from any thread: the fleet is immutable and the
/// faults, counters and request log are lock-protected.
final class SimulatorCore: Sendable {
    let fleet: Fleet
    let tokens: PageTokens
    let sessions: ExecSessions
    /// The API of each region the fleet serves.
    private let apis: [String: ECSAPI]
    let hub: SessionHub
    let ecsVerifier: SigV4Verifier
    let kmsVerifier: SigV4Verifier
    let faults: FaultDice
    /// The keys handed out at `/_sim/credentials`, accepted beside the configured ones.
    let temporaryKeys: TemporaryKeys
    /// The one web identity token STS accepts; nil accepts any.
    let webIdentityToken: String?
    let stats = StatsRecorder()
    let requests = RequestLog()
    /// The time signatures are checked against.
    let clock: @Sendable () -> Date

    init(fleet: Fleet, tokens: PageTokens = PageTokens(), sessions: ExecSessions, hub: SessionHub, credentials: [Credentials],
         temporaryKeys: TemporaryKeys, webIdentityToken: String? = nil, faults: FaultDice,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.fleet = fleet
        self.tokens = tokens
        self.sessions = sessions
        var apis: [String: ECSAPI] = [:]
        for regional in fleet.regionFleets { apis[regional.region] = ECSAPI(fleet: regional, tokens: tokens, sessions: sessions) }
        self.apis = apis
        self.hub = hub
        // Every region goes to this one endpoint, so the signature's scope says which region a
        // call is for; a region the fleet has nothing in is served empty.
        self.ecsVerifier = temporaryKeys.verifier(credentials: credentials, service: "ecs")
        self.kmsVerifier = temporaryKeys.verifier(credentials: credentials, service: "kms")
        self.temporaryKeys = temporaryKeys
        self.webIdentityToken = webIdentityToken
        self.faults = faults
        self.clock = clock
    }

    /// The `X-Amz-Target` prefix of KMS, whose calls the data channel's handshake makes.
    static let kmsTargetPrefix = "TrentService."

    /// The ECS API of `region`: its fleet, or an empty one.
    func api(for region: String) -> ECSAPI {
        apis[region] ?? ECSAPI(fleet: .empty(region), tokens: tokens, sessions: sessions)
    }

    /// The answer to `request`: `/_sim/*`, a refused data-channel upgrade, STS (a form POST),
    /// KMS or ECS (by `X-Amz-Target`).
    func respond(to request: SimRequest) -> SimResponse {
        if request.path.hasPrefix("/_sim/") { return .reply(simEndpoint(request)) }
        if request.path.hasPrefix("/v1/data-channel/") {
            // A data-channel request the hub's upgrader refused (unknown session, bad signature,
            // no WebSocket handshake).
            return .reply(.json(status: 403, Array(#"{"message":"the data channel refused this request"}"#.utf8)))
        }
        if Self.isQueryCall(request) { return .reply(sts(request)) }
        let target = request.header("x-amz-target") ?? ""
        if target.hasPrefix(Self.kmsTargetPrefix) {
            return .reply(kms(request, action: String(target.dropFirst(Self.kmsTargetPrefix.count))))
        }
        return ecs(request, action: target.hasPrefix(ECSAPI.targetPrefix) ? String(target.dropFirst(ECSAPI.targetPrefix.count)) : nil)
    }

    /// An ECS call: faults first (a reset, the latency), then the signature (which names the
    /// region), then throttling and server errors, then refusals, then the action itself in
    /// its region. In flight from here until the server answers; logged with its answer.
    func ecs(_ request: SimRequest, action: String?) -> SimResponse {
        stats.call(action ?? "(no action)")
        let callFaults = faults.nextCall()
        var delay = max(0, callFaults.api.latencyMilliseconds)
        if delay > 0 { stats.fault("latency") }
        if callFaults.dice.spike {
            stats.fault("spike")
            delay += max(0, callFaults.api.spikeMilliseconds)
        }
        if callFaults.dice.reset {
            stats.fault("reset")
            requests.record(RequestLog.Entry(action: action, region: nil, body: request.body, status: 0, error: "(reset)"))
            return SimResponse(answer: .reset, delayMilliseconds: delay, isECSCall: true)
        }
        var region: String?
        do throws(APIError) {
            let signed = try authenticate(request, with: ecsVerifier)
            temporaryKeys.countCall(signedBy: signed.credentials)
            let signedRegion = signed.region
            region = signedRegion
            guard request.method == "POST", let action, ECSAPI.actions.contains(action) else { throw .unknownOperation }
            if callFaults.dice.throttle {
                stats.fault("throttle")
                throw .throttling
            }
            if callFaults.dice.error {
                stats.fault("error")
                throw .server
            }
            if let refusal = callFaults.refusal(of: action, body: request.body, region: signedRegion) {
                stats.fault("deny")
                throw refusal
            }
            let context = ECSAPI.CallContext(
                authority: request.authority, pageSize: callFaults.api.pageSize,
                vanishes: { [stats] task in
                    guard callFaults.vanishes(task) else { return false }
                    stats.fault("vanish")
                    return true
                },
                channelFaults: { [faults] in faults.channelFaultsForNextSession() },
                targetNotConnected: { [stats] in
                    guard callFaults.dice.targetNotConnected else { return false }
                    stats.fault("targetNotConnected")
                    return true
                })
            let body = try api(for: signedRegion).call(action, body: request.body, context: context)
            if action == "ExecuteCommand" { stats.sessionStarted() }
            requests.record(RequestLog.Entry(action: action, region: region, body: request.body, status: 200))
            return SimResponse(answer: .reply(.aws(body: body)), delayMilliseconds: delay, isECSCall: true)
        } catch {
            stats.error(error.code)
            requests.record(RequestLog.Entry(action: action, region: region, body: request.body, status: error.status,
                                             error: error.code))
            return SimResponse(answer: .reply(.aws(error)), delayMilliseconds: delay, isECSCall: true)
        }
    }

    /// A KMS call of the data channel's handshake, verified for the service `kms` and
    /// answered by the hub.
    func kms(_ request: SimRequest, action: String) -> HTTPReply {
        stats.kmsCall(action)
        do throws(APIError) {
            try authenticate(request, with: kmsVerifier)
        } catch {
            stats.error(error.code)
            return .aws(error)
        }
        let answer = hub.kms(action: action, body: request.body)
        return .aws(status: answer.status, body: answer.body)
    }

    /// Who signed `request` and for which region; throws unless it is signed by a known key,
    /// not expired, for `verifier`'s service.
    @discardableResult
    func authenticate(_ request: SimRequest, with verifier: SigV4Verifier) throws(APIError) -> SigV4Verifier.Signed {
        guard let signable = request.signable else {
            throw .authentication(.incompleteSignature("The Host header and request target do not form a URL."))
        }
        do {
            return try verifier.check(signable, at: clock())
        } catch {
            throw .authentication(error)
        }
    }
}
