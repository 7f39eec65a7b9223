import AWSHTTP
import Foundation
import Synchronization

/// Passes requests on to another transport and counts them.
final class CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let counter = Mutex(0)

    init(_ base: any HTTPTransport) { self.base = base }

    var count: Int { counter.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        counter.withLock { $0 += 1 }
        return try await base.send(request)
    }
}

/// Answers from a script of responses or errors, in order, and records the requests.
final class ScriptedTransport: HTTPTransport {
    private let state: Mutex<(answers: [Result<HTTPResponse, any Error>], requests: [HTTPRequest])>

    init(_ answers: [Result<HTTPResponse, any Error>]) {
        state = Mutex((answers, []))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = state.withLock { state in
            state.requests.append(request)
            return state.answers.isEmpty ? nil : state.answers.removeFirst()
        }
        guard let answer else { throw CurlError.closed(url: request.url) }
        return try answer.get()
    }

    /// A JSON response.
    static func json(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Result<HTTPResponse, any Error> {
        .success(HTTPResponse(status: status, headers: [("content-type", "application/x-amz-json-1.1")] + headers, body: Array(body.utf8)))
    }
}

/// SplitMix64: a small seeded generator, so jittered delays repeat from run to run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Records the waits a ``RetryPolicy`` asks for instead of waiting.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])

    var recorded: [Duration] { waits.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in waits.withLock { $0.append(duration) } }
    }
}
