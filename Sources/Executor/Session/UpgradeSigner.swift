import AWSSigner
import Foundation

/// Signs the data channel's WebSocket upgrade as session-manager-plugin 1.2.764.0 and later
/// do (ssm-data-channel.md §1): SigV4 for the service `ssmmessages`, signing `host`,
/// `x-amz-date` and, with temporary credentials, `x-amz-security-token`, over an empty payload.
/// A URL that is already presigned (it carries `X-Amz-*` signature parameters) is not signed.
public struct UpgradeSigner: Sendable {
    public var credentials: Credentials
    public var region: String

    public init(credentials: Credentials, region: String) {
        self.credentials = credentials
        self.region = region
    }

    /// The headers to add to the upgrade request for `url`: `X-Amz-Date`, the token when there
    /// is one, and `Authorization`; none for a presigned URL.
    public func headers(for url: String, at date: Date = Date()) throws -> [(name: String, value: String)] {
        guard !Self.isPresigned(url) else { return [] }
        let httpURL = url.replacing(/^wss:/.ignoresCase(), with: "https:").replacing(/^ws:/.ignoresCase(), with: "http:")
        let request = try SignableRequest(method: "GET", url: httpURL)
        let signed = SigV4Signer(credentials: credentials, region: region, service: "ssmmessages").sign(request, at: date)
        return signed.headers
    }

    /// Whether `url`'s query already holds a SigV4 signature.
    static func isPresigned(_ url: String) -> Bool {
        guard let query = url.firstIndex(of: "?") else { return false }
        return url[query...].split(separator: "&").contains { item in
            let name = item.drop { $0 == "?" }.prefix { $0 != "=" }.lowercased()
            return ["x-amz-signature", "x-amz-credential", "x-amz-algorithm"].contains(name)
        }
    }
}
