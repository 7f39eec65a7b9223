import AWSSigner

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and a session token (`AWS_SECURITY_TOKEN`
/// wins over `AWS_SESSION_TOKEN`, as in botocore), with `AWS_CREDENTIAL_EXPIRATION`.
/// An empty variable counts as unset.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let environment: AWSEnvironment

    public init(environment: AWSEnvironment) { self.environment = environment }

    public var name: String { "environment" }

    public func credentials() async throws -> Credentials? {
        guard let keyID = environment["AWS_ACCESS_KEY_ID"] else { return nil }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw CredentialsError.partial(source: "the environment", missing: "AWS_SECRET_ACCESS_KEY")
        }
        let expiration = try environment["AWS_CREDENTIAL_EXPIRATION"].map { value throws(CredentialsError) in
            guard let date = ISO8601.date(value) else { throw .badExpiration(source: "AWS_CREDENTIAL_EXPIRATION", value: value) }
            return date
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret,
                           sessionToken: environment["AWS_SECURITY_TOKEN"] ?? environment["AWS_SESSION_TOKEN"],
                           expiration: expiration)
    }
}

/// Static keys of a profile (`aws_access_key_id`, `aws_secret_access_key`, and
/// `aws_security_token` or `aws_session_token`), from the merged shared files.
public struct ProfileCredentialProvider: CredentialProvider {
    public let profileName: String
    public let settings: [String: String]
    /// Which file the keys come from, for messages (nil: the merged profile).
    public let file: String?

    public init(profileName: String, settings: [String: String], file: String? = nil) {
        self.profileName = profileName
        self.settings = settings
        self.file = file
    }

    public var name: String { "profile \(profileName)" + (file.map { " (\($0))" } ?? "") }

    public func credentials() async throws -> Credentials? {
        guard let keyID = settings["aws_access_key_id"].nonEmpty else { return nil }
        guard let secret = settings["aws_secret_access_key"].nonEmpty else {
            throw CredentialsError.partial(source: "profile '\(profileName)'", missing: "aws_secret_access_key")
        }
        return Credentials(accessKeyID: keyID, secretAccessKey: secret,
                           sessionToken: settings["aws_security_token"].nonEmpty ?? settings["aws_session_token"].nonEmpty,
                           expiration: nil)
    }
}

extension Optional<String> {
    /// The value unless it is nil or empty.
    var nonEmpty: String? { self.flatMap { $0.isEmpty ? nil : $0 } }
}
