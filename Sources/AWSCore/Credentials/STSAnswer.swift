import AWSHTTP
import AWSSigner
import Foundation

/// The credentials in an STS query-protocol answer (`AssumeRole`, `AssumeRoleWithWebIdentity`):
/// `<…Result><Credentials>` with the key, secret, token and expiration, or `<Error>` with
/// STS's code and message.
struct STSAnswer {
    /// `sts:AssumeRole` or `sts:AssumeRoleWithWebIdentity`, for messages.
    var action: String
    var roleARN: String
    var endpoint: String

    /// The form body of `action` with `fields`, encoded as botocore encodes it.
    static func formBody(action: String, _ fields: [(String, String)]) -> String {
        let all = [("Action", action), ("Version", "2011-06-15")] + fields
        return all.map { "\($0.0)=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
    }

    static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// The credentials in a 200 answer; otherwise the error STS gave, made by `failure`.
    func credentials(from response: HTTPResponse,
                     failure: (_ code: String?, _ message: String) -> CredentialsError) throws -> Credentials {
        let xml = QueryXML(response.body)
        guard response.status == 200 else {
            guard let code = xml?.text("Error/Code") else { throw failure(nil, "HTTP \(response.status) from \(endpoint)") }
            throw failure(code, xml?.text("Error/Message") ?? "HTTP \(response.status)")
        }
        guard let xml,
              let keyID = xml.text("Credentials/AccessKeyId"), !keyID.isEmpty,
              let secret = xml.text("Credentials/SecretAccessKey"), !secret.isEmpty,
              let token = xml.text("Credentials/SessionToken"), !token.isEmpty,
              let expirationText = xml.text("Credentials/Expiration") else {
            throw failure(nil, "the answer from \(endpoint) has no credentials")
        }
        guard let expiration = ISO8601.date(expirationText) else {
            throw CredentialsError.badExpiration(source: "\(action) on \(roleARN)", value: expirationText)
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
