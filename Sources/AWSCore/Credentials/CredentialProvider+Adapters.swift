import AWSSigner

/// A provider whose "no credentials" is an error: the source of a role, or the whole chain
/// the resolver hands out.
struct RequiredCredentialProvider: CredentialProvider {
    let wrapped: any CredentialProvider
    /// What to throw when `wrapped` has nothing.
    let missing: CredentialsError

    var name: String { wrapped.name }

    func credentials() async throws -> Credentials? {
        guard let credentials = try await wrapped.credentials() else { throw missing }
        return credentials
    }
}

/// A provider that stands in a chain for one whose settings are wrong, and throws when the
/// chain reaches it: botocore reports a bad role profile only if nothing earlier (such as the
/// environment keys) has answered.
struct FailingCredentialProvider: CredentialProvider {
    let name: String
    let error: any Error

    func credentials() async throws -> Credentials? { throw error }
}
