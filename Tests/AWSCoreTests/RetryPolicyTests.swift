import AWSHTTP
import Testing
@testable import AWSCore

/// The standard retry mode: which errors are retried, the capped full-jitter backoff, and the
/// attempt limit (aws-core.md §4.5).
struct RetryPolicyTests {
    static func awsError(_ code: String, status: Int = 400) -> AWSError {
        AWSError(action: "ListTasks", code: code, status: status)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func delaysDoubleUpToTheCap() {
        let policy = RetryPolicy(random: { 0.5 })
        let delays = [1, 2, 3, 4, 9, 10, 11, 40, 1_000].map { policy.delay(beforeRetry: $0) }
        #expect(delays == [
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(200),
            .milliseconds(6_400), .seconds(10), .seconds(10), .seconds(10), .seconds(10),
        ])
        #expect(RetryPolicy(random: { 0 }).delay(beforeRetry: 5) == .zero)
    }

    @Test func seededDelaysRepeatAndStayBelowTheirCeiling() {
        let first = RetryPolicy(generator: SeededGenerator(seed: 42))
        let second = RetryPolicy(generator: SeededGenerator(seed: 42))
        let retries = Array(1...12)
        let delays = retries.map { first.delay(beforeRetry: $0) }
        #expect(delays == retries.map { second.delay(beforeRetry: $0) })
        for (retry, delay) in zip(retries, delays) {
            let ceiling = min(Duration.milliseconds(50) * (1 << (retry - 1)), .seconds(20))
            #expect(delay >= .zero && delay < ceiling, "retry \(retry): \(delay)")
        }
        #expect(Set(delays).count == delays.count)  // jittered, not constant

        // The same numbers the generator gives, scaled by each ceiling.
        var generator = SeededGenerator(seed: 42)
        let expected = retries.map { retry in
            Double.random(in: 0..<1, using: &generator) * min(0.05 * Double(1 << (retry - 1)), 20)
        }
        for (delay, seconds) in zip(delays, expected) {
            #expect(abs(Self.seconds(delay) - seconds) < 1e-9)
        }
    }

    @Test(arguments: [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServerError",
        "ServiceUnavailable",
    ])
    func retriesThrottlingAndTransientCodes(code: String) {
        #expect(RetryPolicy().isRetryable(Self.awsError(code)))
    }

    @Test(arguments: [
        "ClientException", "InvalidParameterException", "ClusterNotFoundException", "AccessDeniedException",
        "SignatureDoesNotMatch", "InvalidClientTokenId", "ExpiredTokenException", "UnrecognizedClientException",
    ])
    func doesNotRetryClientErrors(code: String) {
        #expect(!RetryPolicy().isRetryable(Self.awsError(code)))
        #expect(!RetryPolicy().isRetryable(Self.awsError(code, status: 403)))
    }

    @Test func retriesByStatusAndTransportFailure() {
        let policy = RetryPolicy()
        for status in [429, 500, 502, 503, 504] {
            #expect(policy.isRetryable(Self.awsError(String(status), status: status)))
        }
        for status in [400, 403, 404, 501] {
            #expect(!policy.isRetryable(Self.awsError(String(status), status: status)))
        }
        #expect(policy.isRetryable(Self.awsError("ServerException", status: 500)))
        #expect(policy.isRetryable(CurlError.transferFailed(code: 7, message: "Couldn't connect to server", detail: "", url: "http://x/")))
        #expect(policy.isRetryable(CurlError.transferFailed(code: 28, message: "Timeout was reached", detail: "", url: "http://x/")))
        #expect(!policy.isRetryable(CurlError.invalidRequest(reason: "bad header", url: "http://x/")))
        #expect(!policy.isRetryable(CurlError.closed(url: "http://x/")))
        #expect(!policy.isRetryable(CancellationError()))
        #expect(!policy.isRetryable(ECSClientError.malformedResponse(action: "ListTasks", status: 200, reason: "")))
    }

    @Test func runStopsAtMaxAttempts() async throws {
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(maxAttempts: 5, random: { 0.5 }, sleep: sleeps.sleep)
        var attempts: [Int] = []
        await #expect(throws: AWSError.self) {
            try await policy.run { attempt in
                attempts.append(attempt)
                throw Self.awsError("ThrottlingException")
            }
        }
        #expect(attempts == [1, 2, 3, 4, 5])
        #expect(sleeps.recorded == [.milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(200)])
    }

    @Test func runReturnsTheFirstSuccessAndRethrowsOtherErrorsAtOnce() async throws {
        let sleeps = SleepRecorder()
        let policy = RetryPolicy(sleep: sleeps.sleep)
        var calls = 0
        let value = try await policy.run { attempt in
            calls += 1
            if attempt < 3 { throw Self.awsError("503", status: 503) }
            return "ok"
        }
        #expect(value == "ok" && calls == 3 && sleeps.recorded.count == 2)

        calls = 0
        await #expect(throws: AWSError.self) {
            try await policy.run { _ in
                calls += 1
                throw Self.awsError("AccessDeniedException")
            }
        }
        #expect(calls == 1)
    }

    @Test func aCancelledSleepEndsTheRetries() async throws {
        let policy = RetryPolicy(sleep: { _ in throw CancellationError() })
        var calls = 0
        await #expect(throws: CancellationError.self) {
            try await policy.run { _ in
                calls += 1
                throw Self.awsError("ThrottlingException")
            }
        }
        #expect(calls == 1)
    }

    @Test func maxAttemptsFromTheEnvironmentOrProfile() {
        func attempts(_ variables: [String: String], profile: [String: String]? = nil) -> Int {
            RetryPolicy(environment: AWSEnvironment(variables: variables, homeDirectory: "/nonexistent"), profile: profile).maxAttempts
        }
        #expect(attempts([:]) == 3)
        #expect(attempts(["AWS_MAX_ATTEMPTS": "5"]) == 5)
        #expect(attempts(["AWS_MAX_ATTEMPTS": "1"]) == 1)
        #expect(attempts(["AWS_MAX_ATTEMPTS": "0"]) == 3)
        #expect(attempts(["AWS_MAX_ATTEMPTS": "many"]) == 3)
        #expect(attempts(["AWS_MAX_ATTEMPTS": ""], profile: ["max_attempts": "7"]) == 7)
        #expect(attempts(["AWS_MAX_ATTEMPTS": "2"], profile: ["max_attempts": "7"]) == 2)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }
}
