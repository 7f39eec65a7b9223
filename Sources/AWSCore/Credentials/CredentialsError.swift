/// Why credentials could not be had; every message names the source and what to do.
public enum CredentialsError: Error, Sendable, Equatable {
    /// No source had credentials; lists the sources tried.
    case notFound(tried: [String])
    /// A key id without its secret (or the other way round) in the named source.
    case partial(source: String, missing: String)
    /// The profile asked for is in neither shared file.
    case profileNotFound(String)
    /// `credential_process` could not be started, exited non-zero or printed something unusable.
    case processFailed(command: String, reason: String)
    /// An expiration time that cannot be read.
    case badExpiration(source: String, value: String)
    /// `AWS_CONTAINER_CREDENTIALS_FULL_URI` names a host the SDKs refuse to send a token to.
    case unsupportedContainerHost(String)
    /// The container or instance credentials endpoint failed after its retries.
    case endpointFailed(source: String, url: String, reason: String)
}

extension CredentialsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let tried):
            "no AWS credentials found (tried: \(tried.joined(separator: ", "))); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile"
        case .partial(let source, let missing):
            "\(source) has an access key but no \(missing); set both or neither"
        case .profileNotFound(let name):
            "profile '\(name)' is in neither ~/.aws/config nor ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)"
        case .processFailed(let command, let reason):
            "credential_process '\(command)' failed: \(reason)"
        case .badExpiration(let source, let value):
            "\(source) has an expiration '\(value)' that is not an ISO 8601 time"
        case .unsupportedContainerHost(let host):
            "AWS_CONTAINER_CREDENTIALS_FULL_URI uses host '\(host)': only https, loopback addresses, 169.254.170.2, 169.254.170.23, fd00:ec2::23 and localhost are allowed"
        case .endpointFailed(let source, let url, let reason):
            "\(source) credentials from \(url) failed: \(reason)"
        }
    }
}
