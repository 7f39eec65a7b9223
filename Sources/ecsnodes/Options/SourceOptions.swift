import ArgumentParser
import AWSCore
import NodeSource

/// Where a live inventory comes from: clusters, regions, credentials, endpoint, filters on the
/// source, and the cache. What the command line leaves unset comes from the configuration file
/// (``ConfigFile``), its defaults or the `--source` it names.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A named source of the configuration file (~/.config/ecsnodes/config.yaml).", valueName: "name"))
    var source: String?

    @Option(name: .customLong("cluster"), help: ArgumentHelp("A cluster name or ARN (repeatable; default: every cluster).", valueName: "name"))
    var clusters: [String] = []

    @Option(name: .customLong("region"), help: ArgumentHelp("A region (repeatable; default: AWS_REGION, AWS_DEFAULT_REGION, the profile's).", valueName: "region"))
    var regions: [String] = []

    @Option(help: ArgumentHelp("A profile of ~/.aws/config and ~/.aws/credentials (then environment keys are not used).", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("credential-provider"), help: ArgumentHelp("Where credentials come from: default, environment, profile, container or instance.", valueName: "source"))
    var credentialProviderOption: String?
    var credentialProvider: String { credentialProviderOption ?? "default" }

    @Option(help: ArgumentHelp("A role to assume with the credentials found (the seed's \"Assume Role ARN\").", valueName: "arn"))
    var assumeRoleArn: String?

    @Option(help: ArgumentHelp("The ECS endpoint, as the AWS CLI's --endpoint-url (e.g. a local simulator).", valueName: "url"))
    var endpointUrl: String?

    @Option(help: ArgumentHelp("A CA bundle for TLS (default: AWS_CA_BUNDLE, else the system's). Verification is always on.", valueName: "file"))
    var caBundle: String?

    @Option(name: .customLong("desired-status"), help: ArgumentHelp("Task status to list: RUNNING (default), PENDING or STOPPED.", valueName: "status"))
    var desiredStatusOption: String?
    var desiredStatus: String { desiredStatusOption ?? "RUNNING" }

    @Option(name: .customLong("service"), help: ArgumentHelp("Only tasks of this service (repeatable).", valueName: "name"))
    var services: [String] = []

    @Option(name: .customLong("exclude-service"), help: ArgumentHelp("Not tasks of this service (repeatable).", valueName: "name"))
    var excludedServices: [String] = []

    @Option(name: .customLong("family"), help: ArgumentHelp("Only tasks of this task-definition family (repeatable).", valueName: "family"))
    var families: [String] = []

    @Option(name: .customLong("container-name"), help: ArgumentHelp("Only containers with this name (repeatable).", valueName: "name"))
    var containerNames: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only tasks with this tag, as key=value (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @Option(name: .customLong("exclude-tag"), help: ArgumentHelp("Not tasks with this tag, as key=value (repeatable).", valueName: "key=value"))
    var excludedTags: [String] = []

    @Option(name: .customLong("concurrency"), help: ArgumentHelp("Concurrent API calls (default 8).", valueName: "n"))
    var concurrencyOption: Int?
    var concurrency: Int { concurrencyOption ?? 8 }

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Use cached nodes younger than this many seconds (default 60; 0 disables the cache).", valueName: "seconds"))
    var maxAgeOption: Int?
    var maxAge: Int { maxAgeOption ?? 60 }

    @Flag(help: "Poll now, whatever the cache holds.")
    var refresh = false

    @Option(help: ArgumentHelp("The cache folder (default: $XDG_CACHE_HOME/ecsnodes or ~/.cache/ecsnodes).", valueName: "dir"))
    var cacheDir: String?

    mutating func validate() throws {
        do {
            try applyConfiguration(path: ConfigFile.path())
        } catch let problem as ConfigFileProblem {
            throw ValidationError("\(problem)")
        }
        guard CredentialSource(rawValue: credentialProvider) != nil else {
            throw ValidationError("--credential-provider must be one of: \(CredentialSource.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for tag in tags + excludedTags where !tag.contains("=") {
            throw ValidationError("--tag and --exclude-tag take key=value, got '\(tag)'")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard maxAge >= 0 else { throw ValidationError("--max-age cannot be negative") }
    }

    /// Fills what the command line left unset from the configuration file at `path` (its
    /// defaults, then the `--source` named); a missing file changes nothing.
    mutating func applyConfiguration(path: String) throws {
        guard let file = try ConfigFile.load(path: path) else {
            if let source { throw ValidationError("--source \(source): there is no configuration file at \(path)") }
            return
        }
        let settings = try file.settings(source: source)
        func list(_ key: String, _ current: inout [String]) { if current.isEmpty, let values = settings[key] { current = values } }
        func single(_ key: String, _ current: inout String?) { if current == nil, let value = settings[key]?.first { current = value } }
        func number(_ key: String, _ current: inout Int?) throws {
            guard current == nil, let text = settings[key]?.first else { return }
            guard let value = Int(text) else { throw ValidationError("\(file.path): '\(key)' must be a whole number, got '\(text)'") }
            current = value
        }
        list("cluster", &clusters)
        list("region", &regions)
        single("profile", &profile)
        single("credential-provider", &credentialProviderOption)
        single("assume-role-arn", &assumeRoleArn)
        single("endpoint-url", &endpointUrl)
        single("ca-bundle", &caBundle)
        single("desired-status", &desiredStatusOption)
        list("service", &services)
        list("exclude-service", &excludedServices)
        list("family", &families)
        list("container-name", &containerNames)
        list("tag", &tags)
        list("exclude-tag", &excludedTags)
        try number("concurrency", &concurrencyOption)
        try number("max-age", &maxAgeOption)
        single("cache-dir", &cacheDir)
    }
}
