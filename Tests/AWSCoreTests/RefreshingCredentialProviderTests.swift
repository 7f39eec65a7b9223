import AWSSigner
import Foundation
import Synchronization
import Testing
@testable import AWSCore

/// The refresh windows of aws-core.md §2.9, measured with a clock the test moves.
struct RefreshingCredentialProviderTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A clock that only moves when told.
    final class TestClock: Sendable {
        private let date = Mutex(RefreshingCredentialProviderTests.start)
        var now: Date { date.withLock { $0 } }
        func set(minutesLeft minutes: Double, before expiration: Date) { date.withLock { $0 = expiration - minutes * 60 } }
    }

    struct Unavailable: Error, Equatable {}

    /// A provider that counts its fetches, fails while told to, and can take its time.
    final class CountingProvider: CredentialProvider {
        private let state = Mutex((calls: 0, failing: false))
        let lifetime: TimeInterval?
        let delay: Duration
        let clock: TestClock

        init(clock: TestClock, lifetime: TimeInterval? = 3600, delay: Duration = .zero) {
            self.clock = clock
            self.lifetime = lifetime
            self.delay = delay
        }

        var name: String { "counting" }
        var calls: Int { state.withLock { $0.calls } }
        func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

        func credentials() async throws -> Credentials? {
            let (call, failing) = state.withLock { state in
                state.calls += 1
                return (state.calls, state.failing)
            }
            if delay > .zero { try await Task.sleep(for: delay) }
            if failing { throw Unavailable() }
            return Credentials(accessKeyID: "ASIA\(call)", secretAccessKey: "s", sessionToken: "t",
                               expiration: lifetime.map { clock.now + $0 })
        }
    }

    @Test func refreshWindows() async throws {
        let clock = TestClock()
        let wrapped = CountingProvider(clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: wrapped) { clock.now }
        let first = try #require(try await provider.credentials())
        let expiration = try #require(first.expiration)
        #expect(first.accessKeyID == "ASIA1")

        clock.set(minutesLeft: 20, before: expiration)
        #expect(try await provider.credentials() == first)
        #expect(wrapped.calls == 1)

        // Advisory window: the refresh is tried; when it fails the old credentials do.
        clock.set(minutesLeft: 12, before: expiration)
        wrapped.fail(true)
        #expect(try await provider.credentials() == first)
        #expect(wrapped.calls == 2)
        wrapped.fail(false)
        let second = try #require(try await provider.credentials())
        #expect(second.accessKeyID == "ASIA3")

        // Mandatory window: a failed refresh is an error.
        clock.set(minutesLeft: 5, before: try #require(second.expiration))
        wrapped.fail(true)
        await #expect(throws: Unavailable()) { _ = try await provider.credentials() }
        #expect(wrapped.calls == 4)
    }

    /// Credentials a service refused are dropped once: a caller refused with keys already
    /// replaced does not throw the new ones away.
    @Test func invalidateDropsOnlyTheRefusedCredentials() async throws {
        let clock = TestClock()
        let wrapped = CountingProvider(clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: wrapped) { clock.now }
        let first = try #require(try await provider.credentials())
        await provider.invalidate(first)
        let second = try #require(try await provider.credentials())
        #expect(second.accessKeyID == "ASIA2" && wrapped.calls == 2)
        await provider.invalidate(first)
        #expect(try await provider.credentials() == second)
        #expect(wrapped.calls == 2)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let clock = TestClock()
        let wrapped = CountingProvider(clock: clock, delay: .milliseconds(200))
        let provider = RefreshingCredentialProvider(wrapping: wrapped) { clock.now }
        let keys = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.credentials()?.accessKeyID } }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(keys == ["ASIA1"])
        #expect(wrapped.calls == 1)

        // Inside the mandatory window everyone waits for the one refresh.
        clock.set(minutesLeft: 5, before: clock.now + 3600)
        let refreshed = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.credentials()?.accessKeyID } }
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(refreshed == ["ASIA2"])
        #expect(wrapped.calls == 2)
    }

    @Test func keysWithoutExpirationAreKeptAndExpiredRefreshesAreErrors() async throws {
        let clock = TestClock()
        let permanent = CountingProvider(clock: clock, lifetime: nil)
        let cached = RefreshingCredentialProvider(wrapping: permanent) { clock.now }
        for _ in 0..<3 { _ = try await cached.credentials() }
        #expect(permanent.calls == 1)

        let stale = RefreshingCredentialProvider(wrapping: CountingProvider(clock: clock, lifetime: -1)) { clock.now }
        await #expect(throws: CredentialsError.refreshedCredentialsExpired(source: "counting")) { _ = try await stale.credentials() }
    }
}
