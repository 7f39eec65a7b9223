import AWSSigner
import Foundation
import Synchronization

/// Temporary credentials the simulator hands out at `GET /_sim/credentials`, in the shape of a
/// container credentials endpoint, so a client's refresh can be tested against a real server.
///
/// Each fetch mints a new `ASIA…` key with a session token that is accepted until its
/// expiration, ``lifetime`` after it was issued. ``revokeAll()`` makes every key issued so far
/// expire at once, before the expiration it was issued with — as when a role session is
/// revoked — and the simulator can do that by itself after a number of calls
/// (``revokeAfterCalls``), so a test can make keys go stale in the middle of a run without timing.
final class TemporaryKeys: Sendable {
    /// How long a key works after it is issued.
    let lifetime: TimeInterval
    /// After this many ECS calls signed with a temporary key, every key issued until then is
    /// revoked (once); nil never.
    let revokeAfterCalls: Int?
    private let clock: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var keys: [String: Credentials] = [:]
        var issued = 0
        var revoked = 0
        var signedCalls = 0
    }

    init(lifetime: TimeInterval, revokeAfterCalls: Int?, clock: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.revokeAfterCalls = revokeAfterCalls
        self.clock = clock
    }

    /// Keys issued and keys revoked so far.
    var counts: (issued: Int, revoked: Int) { state.withLock { ($0.issued, $0.revoked) } }

    /// The key with this id, with its expiration as it stands now (earlier if revoked).
    func lookup(_ accessKeyID: String) -> Credentials? {
        state.withLock { $0.keys[accessKeyID] }
    }

    /// A verifier for `service` accepting `credentials` and these keys, in any region.
    func verifier(credentials: [Credentials], service: String) -> SigV4Verifier {
        var verifier = SigV4Verifier(credentials: credentials, region: nil, service: service)
        verifier.lookup = { [self] id in lookup(id) }
        return verifier
    }

    /// A new key, accepted for ``lifetime`` (up to a second more).
    func issue() -> Credentials {
        let key = Credentials(
            accessKeyID: "ASIA" + Self.randomText(16, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            secretAccessKey: Self.randomText(40, from: Self.base64Alphabet),
            sessionToken: Self.randomText(96, from: Self.base64Alphabet),
            // Whole seconds, as the document states it, rounded up: a key lives at least its lifetime.
            expiration: Date(timeIntervalSince1970: (clock().timeIntervalSince1970 + lifetime).rounded(.up)))
        state.withLock { state in
            state.keys[key.accessKeyID] = key
            state.issued += 1
        }
        return key
    }

    /// Makes every key issued so far expire now; returns how many were still good.
    @discardableResult
    func revokeAll() -> Int {
        let now = clock()
        return state.withLock { state in
            var count = 0
            for (id, key) in state.keys where !key.isExpired(at: now) {
                state.keys[id]?.expiration = now
                count += 1
            }
            state.revoked += count
            return count
        }
    }

    /// Counts a call signed with `key`; revokes every key when that makes ``revokeAfterCalls``.
    func countCall(signedBy key: Credentials) {
        guard let limit = revokeAfterCalls, key.sessionToken != nil, lookup(key.accessKeyID) != nil else { return }
        let reached = state.withLock { state in
            state.signedCalls += 1
            return state.signedCalls == limit
        }
        if reached { revokeAll() }
    }

    /// The body of `GET /_sim/credentials` for `key`: what ECS's container endpoint answers.
    static func document(_ key: Credentials) -> [UInt8] {
        JSONBody.encode([
            "AccessKeyId": key.accessKeyID,
            "SecretAccessKey": key.secretAccessKey,
            "Token": key.sessionToken ?? "",
            "Expiration": key.expiration.map { $0.formatted(.iso8601) } ?? "",
        ])
    }

    static let base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    private static func randomText(_ count: Int, from alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters.randomElement()! })
    }
}
