import Foundation

/// The profiles of the shared config and credentials files, merged as the AWS CLI merges them
/// (aws-core.md §2.3).
///
/// In the config file a profile is `[default]` or `[profile NAME]` (the header split
/// shell-style into exactly two words); in the credentials file every section is a profile of
/// that literal name. For a profile in both, credentials-file values override config-file
/// values key by key. A later `[default]`/`[profile default]` replaces an earlier one.
public struct SharedConfig: Sendable, Equatable {
    /// Settings by profile name.
    public var profiles: [String: [String: String]]
    /// `[sso-session NAME]` sections of the config file.
    public var ssoSessions: [String: [String: String]]
    /// The credentials file's own sections: its static keys come before `credential_process`,
    /// the config file's after it (botocore's provider order).
    public var credentialsFileProfiles: [String: [String: String]]

    public init(config: ConfigFile?, credentials: ConfigFile?) {
        var profiles: [String: [String: String]] = [:]
        var ssoSessions: [String: [String: String]] = [:]
        for (header, values) in config?.sections ?? [] {
            let words = ShellWords.split(header)
            if header == "default" {
                profiles["default"] = values
            } else if words.count == 2, words[0] == "profile" {
                profiles[words[1]] = values
            } else if words.count == 2, words[0] == "sso-session" {
                ssoSessions[words[1]] = values
            }
        }
        var credentialsFileProfiles: [String: [String: String]] = [:]
        for (name, values) in credentials?.sections ?? [] {
            profiles[name, default: [:]].merge(values) { _, fromCredentials in fromCredentials }
            credentialsFileProfiles[name] = values
        }
        self.profiles = profiles
        self.credentialsFileProfiles = credentialsFileProfiles
        self.ssoSessions = ssoSessions
    }

    /// Reads the files the environment names (`AWS_CONFIG_FILE`, default `~/.aws/config`;
    /// `AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`); a missing file is skipped.
    public static func load(from environment: AWSEnvironment) throws(ConfigFileError) -> SharedConfig {
        let configPath = environment.expandingPath(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = environment.expandingPath(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        return SharedConfig(config: try read(configPath), credentials: try read(credentialsPath))
    }

    private static func read(_ path: String) throws(ConfigFileError) -> ConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try ConfigFile(parsing: String(decoding: data, as: UTF8.self), path: path)
    }
}

/// Splits text into words as a POSIX shell does (Python's `shlex.split`): whitespace separates
/// words, `'…'` quotes literally, `"…"` quotes with `\` escaping `"`, `\`, `$` and `` ` ``,
/// and an unquoted `\` escapes the next character. Used for profile headers and for
/// `credential_process` command lines.
public enum ShellWords {
    /// The words (an unclosed quote runs to the end).
    public static func split(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = Array(text).makeIterator()
        var quote: Character?
        while let c = iterator.next() {
            switch (quote, c) {
            case (nil, " "), (nil, "\t"), (nil, "\n"), (nil, "\r"):
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case (nil, "'"), (nil, "\""):
                quote = c
                inWord = true
            case (nil, "\\"):
                if let next = iterator.next() { word.append(next) }
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("\"", "\\"):
                if let next = iterator.next() {
                    if !["\"", "\\", "$", "`"].contains(next) { word.append("\\") }
                    word.append(next)
                }
            default:
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
