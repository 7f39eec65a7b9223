/// Where credentials may come from; mirrors Rundeck's `project.aws.credentialProvider`
/// (`instance` or `container`) and adds the other sources of the SDK chain.
public enum CredentialSource: String, Sendable, CaseIterable {
    /// The whole chain, in botocore's order.
    case `default`
    /// Only `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` and their token.
    case environment
    /// Only the selected profile: a role, static keys or `credential_process`.
    case profile
    /// Only the ECS task role (container credentials endpoint).
    case container
    /// Only the EC2 instance role (instance metadata service).
    case instance
}

/// The credential choices of the command line and the project settings.
public struct CredentialOptions: Sendable, Equatable {
    /// `--profile`: a profile named here disables the environment keys, as the AWS CLI does.
    public var profile: String?
    /// Which sources to try.
    public var source: CredentialSource
    /// `--assume-role-arn`: a role assumed with whatever credentials the sources give.
    public var assumeRoleARN: String?
    /// The session name for `assumeRoleARN`, and for role profiles without `role_session_name`.
    public var roleSessionName: String?
    /// The external id for `assumeRoleARN`, if its trust policy asks for one.
    public var externalID: String?
    /// `--region`: wins over the environment and the profile, for STS too.
    public var region: String?
    /// An STS endpoint that wins over `AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL`.
    public var stsEndpoint: String?

    public init(
        profile: String? = nil,
        source: CredentialSource = .default,
        assumeRoleARN: String? = nil,
        roleSessionName: String? = nil,
        externalID: String? = nil,
        region: String? = nil,
        stsEndpoint: String? = nil
    ) {
        self.profile = profile
        self.source = source
        self.assumeRoleARN = assumeRoleARN
        self.roleSessionName = roleSessionName
        self.externalID = externalID
        self.region = region
        self.stsEndpoint = stsEndpoint
    }
}
