import Foundation

/// Web-identity roles (aws-core.md §2.1, item 3): a token file and a role, from the profile or
/// from `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`.
extension CredentialResolver {
    /// The web-identity role of profile `name`, nil when no token file is configured. With
    /// `environment` on, each variable that is set wins over the profile's setting, as in
    /// botocore (which turns the variables off when a profile is named explicitly).
    func webIdentityProvider(_ name: String, _ settings: [String: String], usingEnvironment: Bool) throws(CredentialsError) -> (any CredentialProvider)? {
        func value(_ key: String, _ variable: String) -> String? {
            (usingEnvironment ? environment[variable].nonEmpty : nil) ?? settings[key].nonEmpty
        }
        guard let tokenFile = value("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let roleARN = value("role_arn", "AWS_ROLE_ARN") else {
            throw .webIdentityWithoutRole(source: settings["web_identity_token_file"].nonEmpty == nil
                ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "profile '\(name)'")
        }
        return WebIdentityCredentialProvider(
            roleARN: roleARN, tokenFile: tokenFile,
            sessionName: value("role_session_name", "AWS_ROLE_SESSION_NAME") ?? options.roleSessionName.nonEmpty
                ?? "ecsnodes-\(Int(now().timeIntervalSince1970))",
            region: region(),
            endpoint: AssumeRoleCredentialProvider.endpointOverride(explicit: options.stsEndpoint, environment: environment),
            transport: transport)
    }
}
