import AWSSigner
import Foundation
import Testing

/// AWS's SigV4 test suite, as `Fixtures/sigv4-cases.json` holds it (see the README there).
struct SigV4Suite: Decodable, Sendable {
    struct Keys: Decodable, Sendable {
        var accessKeyID: String
        var secretAccessKey: String

        enum CodingKeys: String, CodingKey {
            case accessKeyID = "access_key_id"
            case secretAccessKey = "secret_access_key"
        }
    }

    /// One case: a raw request and what each signing stage must produce from it.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var request: String
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String

        enum CodingKeys: String, CodingKey {
            case name, request, authorization
            case canonicalRequest = "canonical_request"
            case stringToSign = "string_to_sign"
        }

        var testDescription: String { name }

        /// The session token to sign with. The README's rule: the value of the case's
        /// `x-amz-security-token:` canonical line, if it has one (the suite gives the token no
        /// other way). `sign` must then add the header itself, so the rule still tests it.
        var sessionToken: String? {
            let prefix = "x-amz-security-token:"
            return canonicalRequest.split(separator: "\n")
                .first { $0.hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)) }
        }
    }

    var credentials: Keys
    var amzDate: String
    var region: String
    var service: String
    var cases: [Case]

    enum CodingKeys: String, CodingKey {
        case credentials, region, service, cases
        case amzDate = "amz_date"
    }

    /// The suite's signing time, 2015-08-30 12:36:00 UTC (`20150830T123600Z`).
    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    /// The fixture, or why it could not be read (reported by a test, not a crash).
    static let loaded: Result<SigV4Suite, any Error> = Result {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sigv4-cases.json")
        return try JSONDecoder().decode(SigV4Suite.self, from: Data(contentsOf: url))
    }

    /// The cases, or none when the fixture could not be read.
    static var cases: [Case] { (try? loaded.get())?.cases ?? [] }

    /// The signer for `testCase`: the fixed keys, region and service, plus its token if any.
    func signer(for testCase: Case) -> SigV4Signer {
        SigV4Signer(
            credentials: Credentials(
                accessKeyID: credentials.accessKeyID,
                secretAccessKey: credentials.secretAccessKey,
                sessionToken: testCase.sessionToken
            ),
            region: region,
            service: service
        )
    }

    /// What our signer produces at each stage for `testCase`.
    struct Outcome: Equatable {
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
    }

    /// Parses `testCase.request`, signs it at ``date`` and collects every stage.
    func run(_ testCase: Case) throws -> Outcome {
        let request = try RawHTTPRequest.parse(testCase.request)
        let signer = signer(for: testCase)
        let canonical = signer.canonicalRequest(request, at: Self.date)
        let signed = signer.sign(request, at: Self.date)
        return Outcome(
            canonicalRequest: canonical,
            stringToSign: signer.stringToSign(canonicalRequest: canonical, at: Self.date),
            authorization: signed.headerValues("Authorization").joined(separator: "|")
        )
    }

    /// What the suite expects for `testCase`.
    func expected(_ testCase: Case) -> Outcome {
        Outcome(
            canonicalRequest: testCase.canonicalRequest,
            stringToSign: testCase.stringToSign,
            authorization: testCase.authorization
        )
    }
}
