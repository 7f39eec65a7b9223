import AWSSigner
import Foundation

/// STS `AssumeRoleWithWebIdentity`, so a client's web-identity credentials (EKS, GitHub
/// Actions) can be tested end to end: the keys it hands out are ``TemporaryKeys``.
extension SimulatorCore {
    /// Whether `request` is a query-protocol call (a form POST), which only STS makes here.
    static func isQueryCall(_ request: SimRequest) -> Bool {
        request.method == "POST" && request.header("x-amz-target") == nil
            && (request.header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
    }

    /// Unsigned, as in AWS. Any non-empty token is accepted (ecs-sim knows no identity
    /// provider) unless the simulator was given the one token to accept; the answer is a new
    /// temporary key in STS's XML. Other actions are `InvalidAction`.
    func sts(_ request: SimRequest) -> HTTPReply {
        let form = Self.formFields(request.body)
        guard form["Action"] == "AssumeRoleWithWebIdentity" else {
            return Self.stsError(400, "InvalidAction", "Could not find operation \(form["Action"] ?? "(none)") for version 2011-06-15")
        }
        guard let role = form["RoleArn"], role.hasPrefix("arn:aws:iam::"), role.contains(":role/") else {
            return Self.stsError(400, "ValidationError", "RoleArn must be an IAM role ARN")
        }
        guard let session = form["RoleSessionName"], !session.isEmpty else {
            return Self.stsError(400, "ValidationError", "1 validation error detected: RoleSessionName must not be null")
        }
        guard let token = form["WebIdentityToken"], !token.isEmpty, webIdentityToken.map({ $0 == token }) ?? true else {
            return Self.stsError(400, "InvalidIdentityToken", "The web identity token is not valid")
        }
        let key = temporaryKeys.issue()
        let roleName = role.split(separator: "/").last.map(String.init) ?? role
        let xml = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>ecs-sim</SubjectFromWebIdentityToken>
                <Audience>sts.amazonaws.com</Audience>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::\(Fleet.account):assumed-role/\(Self.escaped(roleName))/\(Self.escaped(session))</Arn>
                  <AssumedRoleId>AROAECSSIMROLE000000:\(Self.escaped(session))</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>\(key.accessKeyID)</AccessKeyId>
                  <SecretAccessKey>\(key.secretAccessKey)</SecretAccessKey>
                  <SessionToken>\(key.sessionToken ?? "")</SessionToken>
                  <Expiration>\(key.expiration.map { $0.formatted(.iso8601) } ?? "")</Expiration>
                </Credentials>
                <Provider>ecs-sim</Provider>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>\(HTTPReply.requestID())</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """
        return HTTPReply(status: 200, headers: [(name: "Content-Type", value: "text/xml")], body: Array(xml.utf8))
    }

    /// STS's error document.
    static func stsError(_ status: Int, _ code: String, _ message: String) -> HTTPReply {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(escaped(message))</Message></Error>
              <RequestId>\(HTTPReply.requestID())</RequestId>
            </ErrorResponse>
            """
        return HTTPReply(status: status, headers: [(name: "Content-Type", value: "text/xml")], body: Array(xml.utf8))
    }

    /// The fields of a form body (`a=1&b=x%20y`), `+` read as a space.
    static func formFields(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decoded(parts[0])] = parts.count > 1 ? decoded(parts[1]) : ""
        }
        return fields
    }

    /// `text` with XML's special characters escaped.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
