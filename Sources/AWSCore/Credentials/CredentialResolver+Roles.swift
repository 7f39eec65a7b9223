import AWSSigner
import Foundation

/// Role profiles (aws-core.md §2.4): `role_arn` with exactly one of `source_profile` and
/// `credential_source`; a source profile with a role of its own chains the roles.
extension CredentialResolver {
    /// The role of profile `name`, or nil when it has no `role_arn` (or is a web-identity
    /// profile, which ``webIdentityProvider(_:_:usingEnvironment:)`` handles). `visited` lists the profiles on the way here,
    /// `name` included.
    func roleProvider(_ name: String, _ settings: [String: String], visited: [String]) throws(CredentialsError) -> (any CredentialProvider)? {
        guard let roleARN = settings["role_arn"].nonEmpty, settings["web_identity_token_file"].nonEmpty == nil else { return nil }
        let source: any CredentialProvider
        switch (settings["source_profile"].nonEmpty, settings["credential_source"].nonEmpty) {
        case (.some, .some):
            throw .roleSourceConflict(profile: name)
        case (nil, nil):
            throw .roleSourceMissing(profile: name)
        case (let sourceProfile?, nil):
            source = try sourceProfileProvider(sourceProfile, of: name, visited: visited)
        case (nil, let credentialSource?):
            source = RequiredCredentialProvider(
                wrapped: try credentialSourceProvider(credentialSource, of: name),
                missing: .noSourceCredentials(profile: name, source: "credential_source \(credentialSource)"))
        }
        if let serial = settings["mfa_serial"].nonEmpty {
            throw .invalidProfileSetting(profile: name, key: "mfa_serial", value: serial)
        }
        var duration = 3600
        if let text = settings["duration_seconds"].nonEmpty {
            guard let seconds = Int(text), seconds > 0 else { throw .invalidProfileSetting(profile: name, key: "duration_seconds", value: text) }
            duration = seconds
        }
        return try assumeRole(roleARN, sessionName: settings["role_session_name"].nonEmpty ?? options.roleSessionName.nonEmpty,
                              externalID: settings["external_id"].nonEmpty, durationSeconds: duration, source: source)
    }

    /// The credentials of `source_profile = sourceName` in profile `parent`: its static keys or
    /// `credential_process` (never the environment), or its own role.
    ///
    /// A profile already on the path is a loop, except a profile naming itself to take its
    /// own static keys.
    func sourceProfileProvider(_ sourceName: String, of parent: String, visited: [String]) throws(CredentialsError) -> any CredentialProvider {
        guard let settings = config.profiles[sourceName] else { throw .profileNotFound(sourceName) }
        let hasStaticKeys = settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil
        if visited.contains(sourceName), sourceName != parent || !hasStaticKeys {
            throw .sourceProfileLoop(visited + [sourceName])
        }
        let missing = CredentialsError.noSourceCredentials(profile: parent, source: "source_profile \(sourceName)")
        // A role_arn beside a web identity token file is the web-identity role, as in botocore.
        if hasStaticKeys || settings["role_arn"].nonEmpty == nil || settings["web_identity_token_file"].nonEmpty != nil {
            let providers = profileProviders(sourceName, settings, visited: nil)
            return RequiredCredentialProvider(wrapped: CredentialProviderChain(providers), missing: missing)
        }
        guard let role = try roleProvider(sourceName, settings, visited: visited + [sourceName]) else { throw missing }
        return role
    }

    /// The provider a `credential_source` names (case-insensitive, as botocore compares).
    func credentialSourceProvider(_ value: String, of profile: String) throws(CredentialsError) -> any CredentialProvider {
        switch value.lowercased() {
        case "environment": EnvironmentCredentialProvider(environment: environment)
        case "ecscontainer": ContainerCredentialProvider(environment: environment, transport: transport)
        case "ec2instancemetadata": InstanceMetadataCredentialProvider(environment: environment, transport: transport)
        default: throw .invalidProfileSetting(profile: profile, key: "credential_source", value: value)
        }
    }

    /// `AssumeRole` for `roleARN` signed with `source`'s credentials (cached, so a chained
    /// role does not assume the inner role on every refresh), in this resolver's region.
    func assumeRole(_ roleARN: String, sessionName: String?, externalID: String?, durationSeconds: Int,
                    source: any CredentialProvider) throws(CredentialsError) -> any CredentialProvider {
        guard let region = region() else { throw .noRegionForSTS(roleARN: roleARN) }
        var provider = AssumeRoleCredentialProvider(
            roleARN: roleARN,
            sessionName: sessionName ?? "ecsnodes-\(Int(now().timeIntervalSince1970))",
            externalID: externalID,
            durationSeconds: durationSeconds,
            region: region,
            endpoint: AssumeRoleCredentialProvider.endpointOverride(explicit: options.stsEndpoint, environment: environment),
            source: RefreshingCredentialProvider(wrapping: source, now: now),
            transport: transport)
        provider.now = now
        return provider
    }
}
