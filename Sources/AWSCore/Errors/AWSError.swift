import AWSHTTP
import Foundation

/// An error response from an AWS API: the code (`ThrottlingException`), the message and the
/// HTTP status, with the call it answered.
///
/// Built from the response body: the JSON protocol's `{"__type", "message"}`, else the XML
/// `<Code>`/`<Message>` that query services (and moto's authentication checks) send, else the
/// HTTP status alone (aws-core.md §3.8, §4.5). ``description`` adds the likely fix for common
/// codes; no error text ever holds request headers, keys or tokens.
public struct AWSError: Error, Sendable, Hashable {
    /// The IAM service prefix of the call: `ecs`.
    public var service: String
    /// The action that failed: `ListTasks`.
    public var action: String
    /// The error code without its namespace: `ClusterNotFoundException`; the HTTP status as
    /// text (`"502"`) when the response carried no code, as botocore reports it.
    public var code: String
    /// AWS's own message; may be empty.
    public var message: String
    /// The HTTP status of the response.
    public var status: Int
    /// `x-amzn-RequestId`, for AWS support.
    public var requestID: String?
    /// The region the call was signed for.
    public var region: String?
    /// The cluster the call concerned, when it concerned one.
    public var cluster: String?
    /// How many times the call was sent before giving up.
    public var attempts: Int

    public init(
        service: String = "ecs", action: String, code: String, message: String = "", status: Int,
        requestID: String? = nil, region: String? = nil, cluster: String? = nil, attempts: Int = 1
    ) {
        self.service = service
        self.action = action
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.region = region
        self.cluster = cluster
        self.attempts = attempts
    }

    /// The error a failed response carries: its code and message from the JSON body, else from
    /// an XML body, else just its status.
    public init(
        service: String = "ecs", action: String, response: HTTPResponse,
        region: String? = nil, cluster: String? = nil, attempts: Int = 1
    ) {
        var code: String?, message: String?, requestID: String?
        if let json = Self.parseJSON(response.body) {
            (code, message) = (json.code, json.message)
        }
        if code == nil, let xml = Self.parseXML(response.body) {
            (code, message, requestID) = (xml.code, xml.message ?? message, xml.requestID)
        }
        self.init(
            service: service, action: action,
            code: code ?? String(response.status),
            message: message ?? "",
            status: response.status,
            requestID: response.header("x-amzn-requestid") ?? response.header("x-amz-request-id") ?? requestID,
            region: region, cluster: cluster, attempts: attempts
        )
    }

    /// `code` without a namespace or suffix: cut at the first `:`, then after the last `#`
    /// (`aws.protocoltests#ThrottlingException:http://…` → `ThrottlingException`), as botocore does.
    static func normalizedCode(_ raw: String) -> String {
        let beforeColon = raw.prefix { $0 != ":" }
        let name = beforeColon.lastIndex(of: "#").map { beforeColon[beforeColon.index(after: $0)...] } ?? beforeColon
        return name.trimmingCharacters(in: .whitespaces)
    }

    /// The code and message of a JSON error body, `{"__type": "…#Code", "message": "…"}`
    /// (`Message` also read); nil unless the body is a JSON object. The code is nil without a
    /// `__type`.
    static func parseJSON(_ body: [UInt8]) -> (code: String?, message: String?)? {
        guard body.first(where: { !$0.isASCIIWhitespace }) == UInt8(ascii: "{"),
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        let code = (object["__type"] as? String).map(normalizedCode).flatMap { $0.isEmpty ? nil : $0 }
        return (code, object["message"] as? String ?? object["Message"] as? String)
    }

    /// The first `<Code>`, `<Message>` and `<RequestId>` of an XML error body; nil without a `<Code>`.
    static func parseXML(_ body: [UInt8]) -> (code: String, message: String?, requestID: String?)? {
        guard let xml = QueryXML(body), let code = xml.text("Code").map(normalizedCode), !code.isEmpty else { return nil }
        return (code, xml.text("Message"), xml.text("RequestId"))
    }

    /// Codes meaning the credentials were refused for having expired (a request signed too
    /// long ago, `RequestExpired`, is a clock problem, not this).
    public static let expiredCredentialCodes: Set<String> = ["ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired"]

    /// Whether the service refused the credentials as expired: new ones may work.
    public var meansExpiredCredentials: Bool { Self.expiredCredentialCodes.contains(code) }

    /// This error with every occurrence of `secrets` in its message replaced by `<redacted>`:
    /// a peer that echoes a key or token back must not get it printed.
    public func redacting(_ secrets: [String]) -> AWSError {
        var copy = self
        for secret in secrets where secret.count >= 4 {
            copy.message = copy.message.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return copy
    }
}

private extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
