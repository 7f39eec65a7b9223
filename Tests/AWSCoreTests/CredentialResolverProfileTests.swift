import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import AWSCore

/// Which profile and which sources the resolver picks (aws-core.md §2.1, §2.2, §2.10); no
/// network is involved.
struct CredentialResolverProfileTests {
    static let envKeys = CredentialResolverTests.envKeys
    static let profiles = """
        [profile p]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = SECRETCONFIG
        region = eu-west-3
        [profile other]
        aws_access_key_id = AKIDOTHER
        aws_secret_access_key = SECRETOTHER
        region = sa-east-1
        """
    static let credentialsFile = "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = SECRETP\n"

    static func resolver(_ files: TemporaryAWSFiles, _ options: CredentialOptions, _ variables: [String: String]) throws -> CredentialResolver {
        try CredentialResolver(options: options, environment: files.environment(variables), transport: CurlClient())
    }

    static func keyID(_ files: TemporaryAWSFiles, _ options: CredentialOptions, _ variables: [String: String] = [:]) async throws -> String? {
        try await resolver(files, options, variables).provider().credentials()?.accessKeyID
    }

    @Test func profileFlagSkipsEnvironmentKeysButAWSProfileDoesNot() async throws {
        let files = try TemporaryAWSFiles(config: Self.profiles, credentials: Self.credentialsFile)
        defer { files.remove() }
        // The credentials file beats static keys in the config file for the same profile.
        #expect(try await Self.keyID(files, CredentialOptions(profile: "p"), Self.envKeys) == "AKIDP")
        #expect(try await Self.keyID(files, CredentialOptions(), Self.envKeys.merging(["AWS_PROFILE": "p"]) { $1 }) == "AKIDENV")
        #expect(try await Self.keyID(files, CredentialOptions(), ["AWS_PROFILE": "p"]) == "AKIDP")
    }

    @Test func awsDefaultProfileBeatsAWSProfileAndTheFlagBeatsBoth() async throws {
        let files = try TemporaryAWSFiles(config: Self.profiles)
        defer { files.remove() }
        let variables = ["AWS_DEFAULT_PROFILE": "other", "AWS_PROFILE": "p"]
        let resolver = try Self.resolver(files, CredentialOptions(), variables)
        #expect(resolver.profileName == "other")
        #expect(resolver.region(explicit: nil) == "sa-east-1")
        #expect(resolver.region(explicit: "us-west-1") == "us-west-1")
        #expect(try await resolver.provider().credentials()?.accessKeyID == "AKIDOTHER")
        let flagged = try Self.resolver(files, CredentialOptions(profile: "p", region: "ca-central-1"), variables)
        #expect(flagged.profileName == "p")
        #expect(flagged.region(explicit: nil) == "ca-central-1")
        #expect(try await flagged.provider().credentials()?.accessKeyID == "AKIDCONFIG")
    }

    @Test(arguments: [
        (CredentialOptions(profile: "nope"), [String: String]()),
        (CredentialOptions(), ["AWS_PROFILE": "nope"]),
        (CredentialOptions(source: .instance), ["AWS_DEFAULT_PROFILE": "nope", "AWS_PROFILE": "p"]),
    ])
    func aNamedProfileThatDoesNotExist(options: CredentialOptions, variables: [String: String]) throws {
        let files = try TemporaryAWSFiles(config: Self.profiles)
        defer { files.remove() }
        // Even with keys in the environment: botocore looks the profile up before any source.
        #expect(throws: CredentialsError.profileNotFound("nope")) {
            _ = try Self.resolver(files, options, variables.merging(Self.envKeys) { $1 }).provider()
        }
    }

    @Test func nothingAnywhereListsEverySourceTried() async throws {
        let files = try TemporaryAWSFiles(config: Self.profiles)
        defer { files.remove() }
        await #expect(throws: CredentialsError.notFound(tried: ["environment", "profile default (credentials file)", "profile default (config file)", "container credentials", "instance metadata"])) {
            _ = try await Self.keyID(files, CredentialOptions())
        }
    }

    @Test func aSourceLimitsTheChain() async throws {
        let files = try TemporaryAWSFiles(config: Self.profiles, credentials: Self.credentialsFile)
        defer { files.remove() }
        let variables = Self.envKeys.merging(["AWS_PROFILE": "p"]) { $1 }
        #expect(try await Self.keyID(files, CredentialOptions(source: .environment), variables) == "AKIDENV")
        #expect(try await Self.keyID(files, CredentialOptions(source: .profile), variables) == "AKIDP")
        await #expect(throws: CredentialsError.notFound(tried: ["container credentials"])) {
            _ = try await Self.keyID(files, CredentialOptions(source: .container), variables)
        }
        await #expect(throws: CredentialsError.notFound(tried: ["instance metadata"])) {
            _ = try await Self.keyID(files, CredentialOptions(source: .instance), variables)
        }
    }
}

/// `credential_process` sits between the credentials file's keys and the config file's (aws-core.md §2.5).
struct CredentialProcessOrderTests {
    @Test func processBeatsConfigKeysButNotCredentialsFileKeys() async throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-process-\(UUID().uuidString).sh")
        try #"echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "S"}'"#.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let config = "[profile p]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = S\ncredential_process = /bin/sh \(script.path)\n"
        let configOnly = try TemporaryAWSFiles(config: config)
        defer { configOnly.remove() }
        #expect(try await CredentialResolverProfileTests.keyID(configOnly, CredentialOptions(profile: "p")) == "AKIDPROCESS")
        let withCredentialsFile = try TemporaryAWSFiles(config: config, credentials: "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = S\n")
        defer { withCredentialsFile.remove() }
        #expect(try await CredentialResolverProfileTests.keyID(withCredentialsFile, CredentialOptions(profile: "p")) == "AKIDFILE")
    }
}
