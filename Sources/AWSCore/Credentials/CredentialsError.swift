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
    /// STS refused or failed `sts:AssumeRole` for the role; `code` is STS's error code, if any.
    case assumeRoleFailed(roleARN: String, code: String?, message: String)
    /// STS refused or failed `sts:AssumeRoleWithWebIdentity`, or the token file could not be
    /// read; `code` is STS's error code, if any.
    case webIdentityFailed(roleARN: String, code: String?, message: String)
    /// A web-identity token file is configured without the role to assume.
    case webIdentityWithoutRole(source: String)
    /// A role must be assumed but no region is configured for STS.
    case noRegionForSTS(roleARN: String)
    /// No region was given and none is configured (`--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile).
    case noRegion
    /// A role profile has both `source_profile` and `credential_source`.
    case roleSourceConflict(profile: String)
    /// A role profile has neither `source_profile` nor `credential_source`.
    case roleSourceMissing(profile: String)
    /// `source_profile` leads back to a profile already on the path (the path, in order).
    case sourceProfileLoop([String])
    /// The `source_profile` or `credential_source` of a role profile yielded no credentials.
    case noSourceCredentials(profile: String, source: String)
    /// A profile setting has a value ecsnodes cannot use.
    case invalidProfileSetting(profile: String, key: String, value: String)
    /// Credentials were fetched again but had already expired.
    case refreshedCredentialsExpired(source: String)
    /// An SSO profile lacks settings it needs (listed).
    case ssoIncomplete(profile: String, missing: [String])
    /// An SSO profile and its `sso-session` give different values for the key.
    case ssoSettingConflict(profile: String, key: String)
    /// The SSO token is missing or expired: `aws sso login` must run again.
    case ssoLoginNeeded(profile: String, reason: String)
    /// The SSO portal refused the token or the role (HTTP status, error type if given).
    case ssoRejected(profile: String, status: Int, code: String?)
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
        case .assumeRoleFailed(let roleARN, let code?, let message):
            "sts:AssumeRole on \(roleARN) failed: \(code): \(message)"
        case .assumeRoleFailed(let roleARN, nil, let message):
            "sts:AssumeRole on \(roleARN) failed: \(message)"
        case .webIdentityFailed(let roleARN, let code, let message):
            "sts:AssumeRoleWithWebIdentity on \(roleARN) failed: \(code.map { "\($0): " } ?? "")\(message)"
                + (code == "InvalidIdentityToken" || code == "ExpiredTokenException"
                    ? " (the token in the file is not accepted: check that the role trusts its issuer and that it is fresh)" : "")
        case .webIdentityWithoutRole(let source):
            "\(source) names a web identity token file but no role to assume; set the role ARN too"
        case .noRegion:
            "no AWS region: give --region, or set AWS_REGION or AWS_DEFAULT_REGION, or region in the profile"
        case .noRegionForSTS(let roleARN):
            "sts:AssumeRole on \(roleARN) needs a region; use --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's region"
        case .roleSourceConflict(let profile):
            "profile '\(profile)' has both source_profile and credential_source; keep one"
        case .roleSourceMissing(let profile):
            "profile '\(profile)' has role_arn but neither source_profile nor credential_source"
        case .sourceProfileLoop(let path):
            "source_profile loop: \(path.joined(separator: " -> "))"
        case .noSourceCredentials(let profile, let source):
            "profile '\(profile)' takes its credentials from \(source), which has none"
        case .invalidProfileSetting(let profile, "credential_source", let value):
            "profile '\(profile)' has credential_source '\(value)'; use Environment, EcsContainer or Ec2InstanceMetadata"
        case .invalidProfileSetting(let profile, let key, let value):
            "profile '\(profile)' has \(key) '\(value)', which ecsnodes cannot use"
        case .refreshedCredentialsExpired(let source):
            "\(source) returned credentials that have already expired"
        case .ssoIncomplete(let profile, let missing):
            "profile '\(profile)' is an SSO profile but lacks \(missing.joined(separator: ", ")); run `aws configure sso --profile \(profile)`"
        case .ssoSettingConflict(let profile, let key):
            "profile '\(profile)' and its sso-session give different \(key) values; keep one"
        case .ssoLoginNeeded(let profile, let reason):
            "\(reason) for profile '\(profile)'; run `aws sso login --profile \(profile)`"
        case .ssoRejected(let profile, let status, let code):
            "the SSO portal refused the role of profile '\(profile)' (HTTP \(status)\(code.map { ", \($0)" } ?? "")); "
                + "check sso_account_id and sso_role_name, or run `aws sso login --profile \(profile)`"
        }
    }
}
