import ArgumentParser
import AWSCore
import NodeSource

/// Where a live inventory comes from: clusters, regions, credentials, endpoint, filters on the
/// source, and the cache.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("cluster"), help: ArgumentHelp("A cluster name or ARN (repeatable; default: every cluster).", valueName: "name"))
    var clusters: [String] = []

    @Option(name: .customLong("region"), help: ArgumentHelp("A region (repeatable; default: AWS_REGION, AWS_DEFAULT_REGION, the profile's).", valueName: "region"))
    var regions: [String] = []

    @Option(help: ArgumentHelp("A profile of ~/.aws/config and ~/.aws/credentials (then environment keys are not used).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("Where credentials come from: default, environment, profile, container or instance.", valueName: "source"))
    var credentialProvider: String = "default"

    @Option(help: ArgumentHelp("A role to assume with the credentials found (the seed's \"Assume Role ARN\").", valueName: "arn"))
    var assumeRoleArn: String?

    @Option(help: ArgumentHelp("The ECS endpoint, as the AWS CLI's --endpoint-url (e.g. a local simulator).", valueName: "url"))
    var endpointUrl: String?

    @Option(help: ArgumentHelp("A CA bundle for TLS (default: AWS_CA_BUNDLE, else the system's). Verification is always on.", valueName: "file"))
    var caBundle: String?

    @Option(help: ArgumentHelp("Task status to list: RUNNING (default), PENDING or STOPPED.", valueName: "status"))
    var desiredStatus: String = "RUNNING"

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

    @Option(help: ArgumentHelp("Concurrent API calls (default 8).", valueName: "n"))
    var concurrency: Int = 8

    @Option(help: ArgumentHelp("Use cached nodes younger than this many seconds (default 60; 0 disables the cache).", valueName: "seconds"))
    var maxAge: Int = 60

    @Flag(help: "Poll now, whatever the cache holds.")
    var refresh = false

    @Option(help: ArgumentHelp("The cache folder (default: $XDG_CACHE_HOME/ecsnodes or ~/.cache/ecsnodes).", valueName: "dir"))
    var cacheDir: String?

    func validate() throws {
        guard CredentialSource(rawValue: credentialProvider) != nil else {
            throw ValidationError("--credential-provider must be one of: \(CredentialSource.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for tag in tags + excludedTags where !tag.contains("=") {
            throw ValidationError("--tag and --exclude-tag take key=value, got '\(tag)'")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard maxAge >= 0 else { throw ValidationError("--max-age cannot be negative") }
    }
}
