import AWSSigner
import Foundation
import SimSession

/// Everything behind the HTTP server: routes a whole request to the ECS API, the hub's KMS
/// or a `/_sim/*` endpoint, with SigV4 verification, API faults and counters.
///
/// Pure request-in, response-out, safe from any thread: the fleet is immutable and the
/// faults and counters are lock-protected.
final class SimulatorCore: Sendable {
    let api: ECSAPI
    let hub: SessionHub
    let ecsVerifier: SigV4Verifier
    let kmsVerifier: SigV4Verifier
    let faults: FaultDice
    let stats = StatsRecorder()
    /// The time signatures are checked against.
    let clock: @Sendable () -> Date

    init(api: ECSAPI, hub: SessionHub, credentials: [Credentials], region: String, faults: FaultDice,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.hub = hub
        self.ecsVerifier = SigV4Verifier(credentials: credentials, region: region, service: "ecs")
        self.kmsVerifier = SigV4Verifier(credentials: credentials, region: region, service: "kms")
        self.faults = faults
        self.clock = clock
    }

    /// The `X-Amz-Target` prefix of KMS, whose calls the data channel's handshake makes.
    static let kmsTargetPrefix = "TrentService."

    /// The answer to `request`.
    func respond(to request: SimRequest) -> SimResponse {
        if request.path.hasPrefix("/_sim/") { return .reply(simEndpoint(request), delayMilliseconds: 0) }
        let target = request.header("x-amz-target") ?? ""
        if target.hasPrefix(Self.kmsTargetPrefix) {
            return .reply(kms(request, action: String(target.dropFirst(Self.kmsTargetPrefix.count))), delayMilliseconds: 0)
        }
        return ecs(request, action: target.hasPrefix(ECSAPI.targetPrefix) ? String(target.dropFirst(ECSAPI.targetPrefix.count)) : nil)
    }

    /// An ECS call: faults first (a reset, the latency), then the signature, then throttling and
    /// server errors, then the action itself.
    func ecs(_ request: SimRequest, action: String?) -> SimResponse {
        stats.call(action ?? "(no action)")
        let delay = max(0, faults.api.latencyMilliseconds)
        if delay > 0 { stats.fault("latency") }
        if faults.roll(\.resetRate) {
            stats.fault("reset")
            return .reset(delayMilliseconds: delay)
        }
        do throws(APIError) {
            try authenticate(request, with: ecsVerifier)
            guard request.method == "POST", let action, ECSAPI.actions.contains(action) else { throw .unknownOperation }
            if faults.roll(\.throttleRate) {
                stats.fault("throttle")
                throw .throttling
            }
            if faults.roll(\.errorRate) {
                stats.fault("error")
                throw .server
            }
            let context = ECSAPI.CallContext(
                authority: request.authority, channelFaults: { [faults] in faults.channelFaultsForNextSession() },
                targetNotConnected: { [faults, stats] in
                    guard faults.roll(\.targetNotConnectedRate) else { return false }
                    stats.fault("targetNotConnected")
                    return true
                })
            let body = try api.call(action, body: request.body, context: context)
            if action == "ExecuteCommand" { stats.sessionStarted() }
            return .reply(.aws(body: body), delayMilliseconds: delay)
        } catch {
            stats.error(error.code)
            return .reply(.aws(error), delayMilliseconds: delay)
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

    /// Throws unless `request` is signed by a known key for `verifier`'s service and region.
    func authenticate(_ request: SimRequest, with verifier: SigV4Verifier) throws(APIError) {
        guard let signable = request.signable else {
            throw .authentication(.incompleteSignature("The Host header and request target do not form a URL."))
        }
        do {
            try verifier.verify(signable, at: clock())
        } catch {
            throw .authentication(error)
        }
    }
}
