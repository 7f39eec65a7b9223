import AWSHTTP
import AWSSigner
import Foundation

/// The instance role of an EC2 host through the instance metadata service, IMDSv2 first
/// (a session token from `PUT /latest/api/token`), IMDSv1 when the token is refused
/// (403/404/405 or no answer) unless `AWS_EC2_METADATA_V1_DISABLED=true`; aws-core.md §2.8.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public let environment: AWSEnvironment
    public let transport: any HTTPTransport

    public init(environment: AWSEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    public var name: String { "instance metadata" }

    /// The service's base URL, ending in `/`.
    var baseURL: String {
        var base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"]
            ?? (environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" ? "http://[fd00:ec2::254]/" : "http://169.254.169.254/")
        if !base.hasSuffix("/") { base += "/" }
        return base
    }

    private var timeout: Duration { .milliseconds(Int((Double(environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? "1") ?? 1) * 1000)) }
    private var attempts: Int { max(1, Int(environment["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] ?? "1") ?? 1) }

    public func credentials() async throws -> Credentials? {
        guard environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" else { return nil }
        guard let token = try await sessionToken() else { return nil }
        let headers = token.isEmpty ? [] : [(name: "x-aws-ec2-metadata-token", value: token)]
        guard let roles = await get("latest/meta-data/iam/security-credentials/", headers: headers),
              let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init),
              let document = await get("latest/meta-data/iam/security-credentials/\(role)", headers: headers) else { return nil }
        return CredentialsDocument.credentials(from: document, requiresAll: true)
    }

    /// The IMDSv2 token; "" to go on with IMDSv1; nil when the service said no (400) or is
    /// not there at all.
    private func sessionToken() async throws -> String? {
        let request = HTTPRequest(method: "PUT", url: baseURL + "latest/api/token",
                                  headers: [(name: "x-aws-ec2-metadata-token-ttl-seconds", value: "21600")], timeout: timeout)
        var refused = false
        do {
            let response = try await transport.send(request)
            switch response.status {
            case 200: return String(decoding: response.body, as: UTF8.self)
            case 400: return nil
            case 403, 404, 405: refused = true
            default: return nil
            }
        } catch let error as CurlError where error.isTimeout {
            refused = true
        } catch {
            return nil  // nothing listening: not on EC2
        }
        guard refused, environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() != "true" else {
            throw CredentialsError.endpointFailed(source: "instance metadata", url: baseURL, reason: "IMDSv2 token refused and IMDSv1 is disabled")
        }
        return ""
    }

    /// A GET that must answer 200 with a body, tried `attempts` times.
    private func get(_ path: String, headers: [(name: String, value: String)]) async -> [UInt8]? {
        for _ in 0..<attempts {
            if let response = try? await transport.send(HTTPRequest(method: "GET", url: baseURL + path, headers: headers, timeout: timeout)),
               response.status == 200, !response.body.isEmpty {
                return response.body
            }
        }
        return nil
    }
}
