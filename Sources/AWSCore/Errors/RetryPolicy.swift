import AWSHTTP
import Foundation
import Synchronization

/// When and how long to wait before sending a failed AWS call again: the AWS SDKs' `standard`
/// retry mode (aws-core.md §4.5).
///
/// A call is tried at most ``maxAttempts`` times in all. It is retried after a throttling
/// code, a transient code, HTTP 500/502/503/504 (and 429), or a transport failure; never
/// after any other error, cancellation included. Before retry *n* (from 1) it waits a random
/// time in `[0, min(baseDelay × 2ⁿ⁻¹, maxDelay))` — capped exponential backoff with full jitter.
/// The random source and the sleep are injectable, so tests are fast and repeatable.
public struct RetryPolicy: Sendable {
    /// Codes that mean "too many requests": retried.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    /// Codes of passing server-side failures: retried.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServerError", "ServiceUnavailable",
    ]
    /// Statuses retried whatever the code: 500, 502, 503, 504, and 429 (Too Many Requests),
    /// which the SDKs' legacy mode and the Java and Go SDKs also retry.
    public static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// The most times a call is sent, the first time included; at least 1.
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry; it doubles for each later one.
    public var baseDelay: Duration
    /// The largest backoff ceiling.
    public var maxDelay: Duration
    /// A uniformly distributed number in `[0, 1)`.
    public var random: @Sendable () -> Double
    /// Waits; `Task.sleep` unless a test replaces it.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(50),
        maxDelay: Duration = .seconds(20),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
        self.sleep = sleep
    }

    /// Random numbers from `generator`, which is used by one call at a time.
    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(50),
        maxDelay: Duration = .seconds(20),
        generator: some RandomNumberGenerator & Sendable,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        let shared = SharedGenerator(generator)
        self.init(maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay,
                  random: { shared.next() }, sleep: sleep)
    }

    /// The policy with ``maxAttempts`` from `AWS_MAX_ATTEMPTS`, else the profile's
    /// `max_attempts`, else `defaultAttempts` (the SDKs' 3 unless the caller's calls are worth
    /// more patience). A value that is not a whole number of at least 1 is ignored.
    public init(environment: AWSEnvironment, profile: [String: String]? = nil, defaultAttempts: Int = 3) {
        let configured = [environment["AWS_MAX_ATTEMPTS"], profile?["max_attempts"]]
            .lazy.compactMap { $0.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
            .first { $0 >= 1 }
        self.init(maxAttempts: configured ?? defaultAttempts)
    }

    /// Whether `error` is worth another attempt: a throttling or transient code, a retryable
    /// status, or a transport failure (a ``CurlError`` other than an invalid request or a
    /// closed client).
    public func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let error as AWSError:
            Self.throttlingCodes.contains(error.code) || Self.transientCodes.contains(error.code)
                || Self.retryableStatuses.contains(error.status)
        case let error as CurlError:
            if case .transferFailed = error { true } else { false }
        default:
            false
        }
    }

    /// The wait before retry `retry` (1 for the first): random in
    /// `[0, min(baseDelay × 2^(retry − 1), maxDelay))`.
    public func delay(beforeRetry retry: Int) -> Duration {
        var ceiling = baseDelay
        var doublings = 1
        while doublings < retry, ceiling < maxDelay {
            ceiling *= 2
            doublings += 1
        }
        return min(ceiling, maxDelay) * random()
    }

    /// Runs `operation` (given the attempt number, from 1) until it succeeds, fails with an
    /// error not worth retrying, or has been tried ``maxAttempts`` times; rethrows the last error.
    public func run<Result>(_ operation: (_ attempt: Int) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                guard attempt < maxAttempts, isRetryable(error), !Task.isCancelled else { throw error }
                try await sleep(delay(beforeRetry: attempt))
                attempt += 1
            }
        }
    }
}

/// A random number generator several tasks may draw from, one at a time.
private final class SharedGenerator: Sendable {
    private let generator: Mutex<any RandomNumberGenerator & Sendable>

    init(_ generator: some RandomNumberGenerator & Sendable) {
        self.generator = Mutex(generator)
    }

    /// A number in `[0, 1)`.
    func next() -> Double {
        generator.withLock { generator in
            Double.random(in: 0..<1, using: &generator)
        }
    }
}
