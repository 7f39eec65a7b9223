import AWSSigner
import Foundation

/// Caches the credentials of another provider and fetches them again before they expire,
/// with botocore's two windows (aws-core.md §2.9).
///
/// Credentials without an expiration are kept for good. With fewer than 15 minutes left
/// (the advisory window) a refresh is tried, and if it fails the cached credentials are
/// returned as they are, quietly. With fewer than 10 minutes left (the mandatory window)
/// a failed refresh throws. Callers that arrive while a refresh is running wait for that
/// one (or, inside the advisory window only, take the cached credentials at once), so
/// concurrent callers never start a second fetch. Credentials a service refuses as expired
/// before their time (a revoked session, a clock running ahead) are dropped by
/// ``invalidate(_:)`` and fetched again.
public actor RefreshingCredentialProvider: CredentialProvider {
    /// Time left below which a refresh is tried and its failure ignored.
    public static let advisoryWindow: TimeInterval = 15 * 60
    /// Time left below which a refresh must succeed.
    public static let mandatoryWindow: TimeInterval = 10 * 60

    /// The provider whose credentials are cached.
    public nonisolated let wrapped: any CredentialProvider
    private let now: @Sendable () -> Date
    private var cached: Credentials?
    private var refreshing: Task<Credentials?, any Error>?

    /// Wraps `provider`; `now` is the clock the windows are measured with.
    public init(wrapping provider: any CredentialProvider, now: @escaping @Sendable () -> Date = { Date() }) {
        self.wrapped = provider
        self.now = now
    }

    public nonisolated var name: String { wrapped.name }

    public func credentials() async throws -> Credentials? {
        guard let cached else { return try await refresh() }
        guard let expiration = cached.expiration else { return cached }
        let remaining = expiration.timeIntervalSince(now())
        if remaining > Self.advisoryWindow { return cached }
        if remaining > Self.mandatoryWindow {
            if refreshing != nil { return cached }
            return (try? await refresh()) ?? cached
        }
        return try await refresh()
    }

    /// Drops the cached credentials if they are still `refused`: concurrent calls refused with
    /// the same credentials cause one fetch, not one each.
    public func invalidate(_ refused: Credentials) async {
        if cached?.isSameKey(as: refused) == true { cached = nil }
    }

    /// Fetches from the wrapped provider, or joins the fetch already running.
    private func refresh() async throws -> Credentials? {
        if let refreshing { return try await refreshing.value }
        let task = Task { () async throws -> Credentials? in
            defer { self.refreshing = nil }
            guard let fresh = try await self.wrapped.credentials() else { return nil }
            guard !fresh.isExpired(at: self.now()) else {
                throw CredentialsError.refreshedCredentialsExpired(source: self.wrapped.name)
            }
            self.cached = fresh
            return fresh
        }
        refreshing = task
        return try await task.value
    }
}
