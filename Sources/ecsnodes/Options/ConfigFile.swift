import Foundation
import Yams

/// ecsnodes' own configuration file: defaults for the live inventory's options, and named
/// sources picked with `--source NAME`. Options given on the command line win.
///
/// Found at `$ECSNODES_CONFIG`, else `$XDG_CONFIG_HOME/ecsnodes/config.yaml`, else
/// `~/.config/ecsnodes/config.yaml`; a missing file is no configuration. YAML, keys named as
/// the long options without their dashes' prefix (README, "Configuration file"):
///
/// ```yaml
/// region: [eu-west-1, us-east-1]
/// concurrency: 16
/// sources:
///   payments:
///     profile: prod
///     cluster: payments
///     tag: [team=payments]
/// ```
struct ConfigFile {
    /// The settings of one source: option name (`cluster`, `max-age`) to its values.
    typealias Settings = [String: [String]]

    /// The long options a file may set, and whether they take several values.
    static let keys: [String: Bool] = [
        "cluster": true, "region": true, "profile": false, "credential-provider": false, "assume-role-arn": false,
        "endpoint-url": false, "ca-bundle": false, "desired-status": false, "service": true, "exclude-service": true,
        "family": true, "container-name": true, "tag": true, "exclude-tag": true, "concurrency": false,
        "max-age": false, "cache-dir": false,
    ]

    /// Where the file was read from.
    var path: String
    /// The top-level settings: the defaults of every source.
    var defaults: Settings
    /// Named sources, each on top of the defaults.
    var sources: [String: Settings]

    /// The path the environment names for the file.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["ECSNODES_CONFIG"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/ecsnodes/config.yaml"
    }

    /// The file at `path`, nil when there is none.
    static func load(path: String) throws(ConfigFileProblem) -> ConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Read through a handle: `ECSNODES_CONFIG=/dev/null` (no configuration) must work too.
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() ?? Data() else { throw .unreadable(path: path) }
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw .notYAML(path: path, reason: "\(error)")
        }
        guard let root = node else { return ConfigFile(path: path, defaults: [:], sources: [:]) }
        guard let mapping = root.mapping else { throw .shape(path: path, key: nil, expected: "a mapping of option names to values") }
        var defaults: Settings = [:]
        var sources: [String: Settings] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if key == "sources" {
                guard let named = value.mapping else { throw .shape(path: path, key: key, expected: "a mapping of source names to settings") }
                for (nameNode, settings) in named {
                    let name = nameNode.string ?? ""
                    guard let settings = settings.mapping else { throw .shape(path: path, key: "sources.\(name)", expected: "a mapping of option names to values") }
                    sources[name] = try Self.settings(settings, path: path, prefix: "sources.\(name).")
                }
            } else {
                defaults.merge(try Self.settings(Yams.Node.Mapping([(keyNode, value)]), path: path, prefix: "")) { $1 }
            }
        }
        return ConfigFile(path: path, defaults: defaults, sources: sources)
    }

    private static func settings(_ mapping: Yams.Node.Mapping, path: String, prefix: String) throws(ConfigFileProblem) -> Settings {
        var settings: Settings = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard let several = keys[key] else { throw .unknownKey(path: path, key: prefix + key) }
            let values: [String]
            if let scalar = value.scalar {
                values = [scalar.string]
            } else if let sequence = value.sequence, several, sequence.allSatisfy({ $0.scalar != nil }) {
                values = sequence.compactMap { $0.scalar?.string }
            } else {
                throw .shape(path: path, key: prefix + key, expected: several ? "a value or a list of values" : "a single value")
            }
            settings[key] = values
        }
        return settings
    }

    /// The settings of source `name` (the defaults when nil), or an error naming the sources
    /// the file has.
    func settings(source name: String?) throws(ConfigFileProblem) -> Settings {
        guard let name else { return defaults }
        guard let named = sources[name] else { throw .unknownSource(path: path, name: name, known: sources.keys.sorted()) }
        return defaults.merging(named) { $1 }
    }
}

/// Why the configuration file could not be used; each message names the file.
enum ConfigFileProblem: Error, Equatable, CustomStringConvertible {
    /// The file exists but cannot be read.
    case unreadable(path: String)
    /// The file is not YAML.
    case notYAML(path: String, reason: String)
    /// A key that is not an option the file can set (a typo, most likely).
    case unknownKey(path: String, key: String)
    /// A value of the wrong shape.
    case shape(path: String, key: String?, expected: String)
    /// `--source NAME` names no source of the file.
    case unknownSource(path: String, name: String, known: [String])

    var description: String {
        switch self {
        case .unreadable(let path): "cannot read the configuration file \(path)"
        case .notYAML(let path, let reason): "\(path) is not YAML: \(reason)"
        case .unknownKey(let path, let key):
            "\(path): '\(key)' is not a setting; use the long option names: \(ConfigFile.keys.keys.sorted().joined(separator: ", "))"
        case .shape(let path, let key, let expected): "\(path): \(key.map { "'\($0)' must be " } ?? "the file must be ")\(expected)"
        case .unknownSource(let path, let name, let known):
            "no source '\(name)' in \(path)" + (known.isEmpty ? " (it has no sources: section)" : "; it has \(known.joined(separator: ", "))")
        }
    }
}
