import AWSHTTP
import AWSSigner
import Foundation

/// The task role of an ECS task (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, against
/// 169.254.170.2) or any container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`,
/// with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `_TOKEN`), as aws-core.md §2.7 describes.
///
/// Two-second timeout, three attempts a second apart; a token file is read on every fetch,
/// its trailing newline trimmed (botocore would reject it).
public struct ContainerCredentialProvider: CredentialProvider {
    public let environment: AWSEnvironment
    public let transport: any HTTPTransport
    public var attempts = 3
    public var retryDelay: Duration = .seconds(1)

    public init(environment: AWSEnvironment, transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    public var name: String { "container credentials" }

    /// The endpoint, nil when neither variable is set; relative wins over full.
    func endpoint() throws -> String? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            return "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let url = URLComponents(string: full), let host = url.host else {
            throw CredentialsError.unsupportedContainerHost(full)
        }
        let allowed = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost", "::1", "[::1]"]
        guard url.scheme == "https" || allowed.contains(host) || host.hasPrefix("127.") else {
            throw CredentialsError.unsupportedContainerHost(host)
        }
        return full
    }

    public func credentials() async throws -> Credentials? {
        guard let url = try endpoint() else { return nil }
        var lastReason = ""
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: retryDelay) }
            var headers = [(name: "Accept", value: "application/json")]
            if let token = try authorizationToken() { headers.append((name: "Authorization", value: token)) }
            do {
                let response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers, timeout: .seconds(2)))
                if response.status == 200, let credentials = CredentialsDocument.credentials(from: response.body, requiresAll: false) {
                    return credentials
                }
                lastReason = response.status == 200 ? "the answer is not a credentials document" : "HTTP \(response.status)"
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastReason = "\(error)"
            }
        }
        throw CredentialsError.endpointFailed(source: "container", url: url, reason: lastReason)
    }

    /// The `Authorization` value: the token file (read now) wins over the token variable.
    private func authorizationToken() throws -> String? {
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CredentialsError.endpointFailed(source: "container", url: path, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
    }
}
