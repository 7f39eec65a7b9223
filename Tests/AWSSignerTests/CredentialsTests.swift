import AWSSigner
import Foundation
import Testing

/// Credentials must never print their secret or token, however they are printed.
struct CredentialsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"
    static let credentials = Credentials(
        accessKeyID: "ASIAEXAMPLEKEYID",
        secretAccessKey: secret,
        sessionToken: token,
        expiration: Date(timeIntervalSince1970: 1_795_939_144)
    )

    /// Every way a value commonly ends up in a log.
    static func renderings(of credentials: Credentials) -> [String] {
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedInArray = ""
        dump([credentials], to: &dumpedInArray)
        return [
            "\(credentials)",
            String(describing: credentials),
            String(reflecting: credentials),
            "\([credentials])",
            "\(Optional(credentials) as Any)",
            dumped,
            dumpedInArray,
            "\(Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" })",
        ]
    }

    @Test func neverPrintsSecretOrToken() {
        for text in Self.renderings(of: Self.credentials) {
            #expect(!text.contains(Self.secret), "secret leaked in: \(text.replacingOccurrences(of: Self.secret, with: "<SECRET>"))")
            #expect(!text.contains(Self.token), "token leaked in: \(text.replacingOccurrences(of: Self.token, with: "<TOKEN>"))")
            #expect(text.contains("ASIAEXAMPLEKEYID"))
        }
    }

    @Test func descriptionShowsKeyIDAndRedactions() {
        #expect("\(Self.credentials)" ==
            "Credentials(accessKeyID: ASIAEXAMPLEKEYID, secret: <redacted>, sessionToken: <redacted>, expiration: 2026-11-29T07:59:04Z)")
        let longTerm = Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret)
        #expect("\(longTerm)" == "Credentials(accessKeyID: AKIDEXAMPLE, secret: <redacted>)")
        #expect(String(reflecting: longTerm) == "\(longTerm)")
    }

    @Test func dumpShowsRedactedFields() {
        var dumped = ""
        dump(Self.credentials, to: &dumped)
        #expect(dumped.contains("secretAccessKey: \"<redacted>\""))
        #expect(dumped.contains("sessionToken: \"<redacted>\""))
    }

    @Test func equalityComparesEveryField() {
        var other = Self.credentials
        #expect(other == Self.credentials)
        other.sessionToken = "different"
        #expect(other != Self.credentials)
    }

    @Test func expiry() {
        let expiration = Date(timeIntervalSince1970: 1_000)
        let temporary = Credentials(accessKeyID: "A", secretAccessKey: "S", expiration: expiration)
        #expect(!temporary.isExpired(at: Date(timeIntervalSince1970: 999)))
        #expect(temporary.isExpired(at: expiration))
        #expect(!Credentials(accessKeyID: "A", secretAccessKey: "S").isExpired())
    }
}
