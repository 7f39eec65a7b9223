import AWSHTTP
import AWSSigner
import Foundation

/// Builds the credential chain for ecsnodes' options the way botocore builds it
/// (aws-core.md §2.1), and picks the region the same profile gives.
///
/// For ``CredentialSource/default`` the order is: the environment keys (skipped when
/// `--profile` names a profile; `AWS_PROFILE` and `AWS_DEFAULT_PROFILE` alone do not skip
/// them), the profile's role (`role_arn`), its web-identity role (`web_identity_token_file`, or
/// `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` unless `--profile` is given), its SSO role (`sso_*` settings), its static keys (credentials file before config
/// file, as ``SharedConfig`` merges them), its `credential_process`, the container endpoint
/// and instance metadata. The first source with credentials wins and an error stops the
/// chain. `--assume-role-arn` assumes its role with whatever the chain yields.
public struct CredentialResolver: Sendable {
    public let options: CredentialOptions
    public let environment: AWSEnvironment
    /// The merged shared config and credentials files.
    public let config: SharedConfig
    public let transport: any HTTPTransport
    /// The clock for refresh windows, request signing and default session names.
    public var now: @Sendable () -> Date

    /// A resolver reading the shared files the environment names.
    public init(options: CredentialOptions, environment: AWSEnvironment = .current, transport: any HTTPTransport) throws {
        self.init(options: options, environment: environment, config: try SharedConfig.load(from: environment), transport: transport)
    }

    public init(
        options: CredentialOptions,
        environment: AWSEnvironment,
        config: SharedConfig,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.options = options
        self.environment = environment
        self.config = config
        self.transport = transport
        self.now = now
    }

    /// The profile named by `--profile`, else `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`
    /// (botocore's order); nil when none is.
    public var namedProfile: String? {
        options.profile.nonEmpty ?? environment["AWS_DEFAULT_PROFILE"] ?? environment["AWS_PROFILE"]
    }

    /// The profile in effect: the named one or `default`.
    public var profileName: String { namedProfile ?? "default" }

    /// The settings of the profile in effect; a missing `default` nobody named is empty.
    public func profileSettings() throws(CredentialsError) -> [String: String] {
        if let settings = config.profiles[profileName] { return settings }
        if let named = namedProfile { throw .profileNotFound(named) }
        return [:]
    }

    /// The region: `explicit` (else ``CredentialOptions/region``), `AWS_REGION`,
    /// `AWS_DEFAULT_REGION`, then the selected profile's `region`.
    public func region(explicit: String? = nil) -> String? {
        RegionResolver.region(explicit: explicit ?? options.region, environment: environment, profile: config.profiles[profileName])
    }

    /// The provider to sign with: the chain, with the `--assume-role-arn` role on top when
    /// given, cached and refreshed before expiry. It throws ``CredentialsError/notFound(tried:)``
    /// rather than return nil.
    ///
    /// Throws at once for a named profile that does not exist and for a role that cannot be
    /// assumed without a region; other setting errors surface when the chain reaches them.
    public func provider() throws -> RefreshingCredentialProvider {
        let chain = CredentialProviderChain(try sources(profileSettings()))
        var provider: any CredentialProvider = RequiredCredentialProvider(
            wrapped: chain, missing: .notFound(tried: chain.providers.map(\.name)))
        if let roleARN = options.assumeRoleARN.nonEmpty {
            provider = try assumeRole(roleARN, sessionName: options.roleSessionName.nonEmpty, externalID: options.externalID.nonEmpty,
                                      durationSeconds: 3600, source: provider)
        }
        return RefreshingCredentialProvider(wrapping: provider, now: now)
    }

    /// The providers ``CredentialOptions/source`` allows, in order.
    func sources(_ settings: [String: String]) -> [any CredentialProvider] {
        let container = ContainerCredentialProvider(environment: environment, transport: transport)
        let instance = InstanceMetadataCredentialProvider(environment: environment, transport: transport)
        switch options.source {
        case .default:
            // A profile named with --profile turns the environment's credentials off, as in the AWS CLI.
            let usingEnvironment = options.profile.nonEmpty == nil
            let environmentKeys: [any CredentialProvider] = usingEnvironment ? [EnvironmentCredentialProvider(environment: environment)] : []
            let chain = profileProviders(profileName, settings, visited: [profileName], webIdentityFromEnvironment: usingEnvironment)
            return environmentKeys + chain + [container, instance]
        case .environment:
            return [EnvironmentCredentialProvider(environment: environment)]
        case .profile:
            return profileProviders(profileName, settings, visited: [profileName])
        case .container:
            return [container]
        case .instance:
            return [instance]
        }
    }

    /// The providers of one profile, in botocore's order: its role (unless `visited` is nil),
    /// its web-identity role (with the environment's settings when `webIdentityFromEnvironment`),
    /// its SSO role, the static keys of the credentials file, `credential_process`, then static
    /// keys of the config file. A role whose settings are wrong throws when reached.
    func profileProviders(_ name: String, _ settings: [String: String], visited: [String]?,
                          webIdentityFromEnvironment: Bool = false) -> [any CredentialProvider] {
        var providers: [any CredentialProvider] = []
        if let visited {
            do {
                if let role = try roleProvider(name, settings, visited: visited) { providers.append(role) }
            } catch {
                providers.append(FailingCredentialProvider(name: "role of profile \(name)", error: error))
            }
        }
        do {
            if let role = try webIdentityProvider(name, settings, usingEnvironment: webIdentityFromEnvironment) { providers.append(role) }
        } catch {
            providers.append(FailingCredentialProvider(name: "web identity of profile \(name)", error: error))
        }
        do {
            if let sso = try SSOCredentialProvider(profile: name, settings: settings, sessions: config.ssoSessions,
                                                   environment: environment, transport: transport) {
                providers.append(sso)
            }
        } catch {
            providers.append(FailingCredentialProvider(name: "SSO role of profile \(name)", error: error))
        }
        providers.append(ProfileCredentialProvider(profileName: name, settings: config.credentialsFileProfiles[name] ?? [:], file: "credentials file"))
        if let command = settings["credential_process"].nonEmpty {
            providers.append(ProcessCredentialProvider(command: command, environment: environment))
        }
        providers.append(ProfileCredentialProvider(profileName: name, settings: settings, file: "config file"))
        return providers
    }
}
