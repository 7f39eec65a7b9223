import AWSSigner

/// Supplies AWS credentials; providers are tried in order by ``CredentialProviderChain``.
///
/// Returning nil means "not configured here, try the next one"; throwing stops the chain,
/// as the AWS SDKs do (a half-set key pair or a failing `credential_process` is an error to
/// report, not a reason to fall back to other credentials).
public protocol CredentialProvider: Sendable {
    /// A short name for messages: `environment`, `profile dev`, `credential_process`, …
    var name: String { get }
    func credentials() async throws -> Credentials?
    /// Forgets `refused` if it is what the provider would hand out next, after a service
    /// refused it as expired; the next ``credentials()`` fetches anew. Nothing to do for
    /// providers that keep no credentials between calls.
    func invalidate(_ refused: Credentials) async
}

extension CredentialProvider {
    public func invalidate(_ refused: Credentials) async {}
}

/// The providers in order; the first that has credentials wins.
public struct CredentialProviderChain: CredentialProvider {
    public let providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public var name: String { providers.map(\.name).joined(separator: ", ") }

    public func credentials() async throws -> Credentials? {
        for provider in providers {
            if let credentials = try await provider.credentials() { return credentials }
        }
        return nil
    }

    /// The credentials, or ``CredentialsError/notFound(tried:)`` naming every source tried.
    public func resolve() async throws -> Credentials {
        guard let credentials = try await credentials() else { throw CredentialsError.notFound(tried: providers.map(\.name)) }
        return credentials
    }
}
