import Foundation
import Testing
@testable import AWSCore

/// The shared config and credentials files read as the AWS CLI reads them (aws-core.md §2.3).
struct SharedConfigTests {
    static func config(_ text: String) throws(ConfigFileError) -> ConfigFile {
        try ConfigFile(parsing: text, path: "config")
    }

    @Test func keysValuesCommentsAndContinuations() throws {
        let file = try Self.config("""
            # a comment
            [default]
              region = eu-west-1
            AWS_ACCESS_KEY_ID : AKIDX # not a comment
            ; another comment
            empty =
            with_equals = a=b
            s3 =
              max_concurrent_requests = 10
            \r
            [profile dev]\r
            region=us-east-1\r
            """)
        let defaults = try #require(file[section: "default"])
        #expect(defaults["region"] == "eu-west-1")
        #expect(defaults["aws_access_key_id"] == "AKIDX # not a comment")
        #expect(defaults["empty"] == "")
        #expect(defaults["with_equals"] == "a=b")
        #expect(defaults["s3"] == "\nmax_concurrent_requests = 10")
        #expect(file[section: "profile dev"]?["region"] == "us-east-1")
    }

    @Test(arguments: [
        ("[a]\nx=1\n[a]\ny=2\n", ConfigFileError.Kind.duplicateSection("a"), 3),
        ("[a]\nx=1\nX=2\n", .duplicateKey("x"), 3),
        ("x=1\n[a]\n", .keyBeforeSection, 1),
        ("\u{FEFF}[default]\nx=1\n", .keyBeforeSection, 1),
        ("[a]\njust words\n", .notAKeyValue, 2),
    ])
    func errorsNameTheLine(text: String, kind: ConfigFileError.Kind, line: Int) {
        #expect(throws: ConfigFileError(path: "config", line: line, kind: kind)) { try Self.config(text) }
    }

    @Test func profilesFromBothFilesMergeKeyByKey() throws {
        let config = try Self.config("""
            [default]
            region = eu-west-1
            [profile    spaced   ]
            region = ap-south-1
            [profile "quoted name"]
            region = sa-east-1
            [profilex]
            region = nope
            [profile a b]
            region = nope
            [plain]
            region = nope
            [profile p]
            region = us-west-2
            aws_access_key_id = FROMCONFIG
            [sso-session corp]
            sso_region = us-east-1
            """)
        let credentials = try ConfigFile(parsing: """
            [p]
            aws_access_key_id = FROMCREDENTIALS
            aws_secret_access_key = S
            [profile name]
            aws_access_key_id = LITERAL
            """, path: "credentials")
        let shared = SharedConfig(config: config, credentials: credentials)
        #expect(Set(shared.profiles.keys) == ["default", "spaced", "quoted name", "p", "profile name"])
        #expect(shared.profiles["p"] == ["region": "us-west-2", "aws_access_key_id": "FROMCREDENTIALS", "aws_secret_access_key": "S"])
        #expect(shared.profiles["plain"] == nil)
        #expect(shared.ssoSessions["corp"]?["sso_region"] == "us-east-1")
    }

    @Test func laterDefaultSectionReplacesTheEarlierWholesale() throws {
        let shared = SharedConfig(config: try Self.config("[default]\na = 1\nb = 2\n[profile default]\nb = 3\n"), credentials: nil)
        #expect(shared.profiles["default"] == ["b": "3"])
    }

    @Test func filesComeFromTheEnvironmentWithTildeAndVariablesExpanded() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "[profile x]\nregion = eu-north-1\n".write(to: home.appendingPathComponent("custom-config"), atomically: true, encoding: .utf8)
        try "[x]\naws_access_key_id = K\n".write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let environment = AWSEnvironment(variables: ["CFG": "custom-config", "AWS_CONFIG_FILE": "~/${CFG}"], homeDirectory: home.path)
        let shared = try SharedConfig.load(from: environment)
        #expect(shared.profiles["x"] == ["region": "eu-north-1", "aws_access_key_id": "K"])
        // Missing files are skipped.
        let empty = try SharedConfig.load(from: AWSEnvironment(variables: [:], homeDirectory: "/nonexistent"))
        #expect(empty.profiles.isEmpty)
    }

    @Test(arguments: [
        (#"a 'b c' "d \"e\"" f\ g"#, ["a", "b c", #"d "e""#, "f g"]),
        ("profile    spaced   ", ["profile", "spaced"]),
        ("", []),
    ])
    func shellWords(text: String, words: [String]) {
        #expect(ShellWords.split(text) == words)
    }

    @Test func regionOrder() {
        let env = AWSEnvironment(variables: ["AWS_REGION": "r1", "AWS_DEFAULT_REGION": "r2"], homeDirectory: "/")
        #expect(RegionResolver.region(explicit: "r0", environment: env, profile: ["region": "r3"]) == "r0")
        #expect(RegionResolver.region(explicit: nil, environment: env, profile: ["region": "r3"]) == "r1")
        #expect(RegionResolver.region(explicit: nil, environment: AWSEnvironment(variables: ["AWS_DEFAULT_REGION": "r2"], homeDirectory: "/"), profile: ["region": "r3"]) == "r2")
        #expect(RegionResolver.region(explicit: nil, environment: AWSEnvironment(variables: ["AWS_REGION": ""], homeDirectory: "/"), profile: ["region": "r3"]) == "r3")
        #expect(RegionResolver.region(explicit: nil, environment: AWSEnvironment(variables: [:], homeDirectory: "/"), profile: nil) == nil)
    }
}
