import AWSSigner
import Foundation

/// The JSON that container and instance credential endpoints answer with:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (ISO 8601).
struct CredentialsDocument: Decodable {
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var Expiration: String?

    /// The credentials, when the document has keys (and, if `requiresAll`, a token and an expiry).
    static func credentials(from body: [UInt8], requiresAll: Bool) -> Credentials? {
        guard let document = try? JSONDecoder().decode(CredentialsDocument.self, from: Data(body)),
              let keyID = document.AccessKeyId, let secret = document.SecretAccessKey else { return nil }
        let expiration = document.Expiration.flatMap(ISO8601.date)
        if requiresAll && (document.Token == nil || expiration == nil) { return nil }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: document.Token, expiration: expiration)
    }
}
