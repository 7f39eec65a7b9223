import FilterLang
import AWSCore
import AWSHTTP
import Foundation
import NodeModel
import NodeSource

/// The nodes of a live ECS inventory, from the cache when it is fresh enough, else polled.
struct LiveInventory {
    let options: SourceOptions
    let environment = AWSEnvironment.current

    /// The nodes listed, and the regions and clusters that could not be (each already
    /// reported on standard error).
    struct Listing {
        var nodes: [Node]
        var failures: [PollFailure]
    }

    /// The nodes `filter` selects, with whole nodes only when `fullNodes`. A fresh cache
    /// file is read like `--from` reads a file, only as far as the filter needs; otherwise
    /// the inventory is polled, and the regions and clusters that failed are added to
    /// `failures` (and reported).
    func select(_ filter: Filter, fullNodes: Bool, failures: inout [PollFailure]) async throws -> NodeSelection {
        try await reporting {
            let context = try Context(self)
            defer { context.transport.close() }
            if context.caching, !options.refresh, let file = context.cache.freshFile(key: context.key, maxAge: .seconds(options.maxAge)),
               let selection = try? NodeSelection.read(file, filter, fullNodes) {
                return selection
            }
            let listing = try await poll(context, taskDefinitions: TaskDefinitionCache())
            failures += listing.failures
            return NodeSelection.select(listing.nodes, filter: filter)
        }
    }

    /// Polls, never reading the cache; `taskDefinitions` keeps described task definitions
    /// between the polls of one process.
    func poll(taskDefinitions: TaskDefinitionCache) async throws -> Listing {
        try await reporting {
            let context = try Context(self)
            defer { context.transport.close() }
            return try await poll(context, taskDefinitions: taskDefinitions, caching: false)
        }
    }

    /// Runs `body`; AWS, credential and transport failures that leave nothing listed are
    /// printed with their hint and end the command with the documented exit status.
    private func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as AWSError {
            Terminal.diagnostic("error: \(error)\n")
            throw ExitStatus.awsError
        } catch let error as CredentialsError {
            Terminal.diagnostic("error: \(error)\n")
            throw ExitStatus.credentials
        } catch let error as ConfigFileError {
            Terminal.diagnostic("error: \(error)\nhint: fix the shared config or credentials file at that line\n")
            throw ExitStatus.credentials
        } catch let error as CurlError {
            Terminal.diagnostic("error: \(error)\nhint: check the network, proxy variables and --endpoint-url\n")
            throw ExitStatus.network
        } catch let error as NodeCacheError {
            Terminal.diagnostic("error: \(error)\n")
            throw ExitStatus.badInput
        }
    }

    /// What a poll or a cache lookup needs: the transport, credentials, regions and cache key.
    private struct Context {
        let transport: CurlClient
        let resolver: CredentialResolver
        let source: NodeSourceOptions
        let cache: NodeCache
        let key: String
        let caching: Bool

        init(_ inventory: LiveInventory) throws {
            let options = inventory.options, environment = inventory.environment
            transport = CurlClient(configuration: .init(maxConnections: options.concurrency, caBundle: options.caBundle ?? environment["AWS_CA_BUNDLE"]))
            do {
                resolver = try CredentialResolver(options: inventory.credentialOptions, environment: environment, transport: transport)
                let regions = options.regions.isEmpty ? [resolver.region()].compactMap { $0 } : options.regions
                guard !regions.isEmpty else { throw CredentialsError.noRegion }
                source = inventory.sourceOptions(regions: regions)
            } catch {
                transport.close()
                throw error
            }
            cache = NodeCache(directory: options.cacheDir ?? NodeCache.defaultDirectory(environment: environment.variables))
            key = NodeCache.key(source: source, identity: inventory.identity(resolver))
            caching = options.maxAge > 0
        }
    }

    private func poll(_ context: Context, taskDefinitions: TaskDefinitionCache, caching: Bool = true) async throws -> Listing {
        let credentials = try context.resolver.provider()
        // The inventory's calls are reads, safe to repeat: a throttled or flaky account gets
        // more patience than the SDKs' 3 attempts, unless AWS_MAX_ATTEMPTS or the profile says.
        let retryPolicy = RetryPolicy(environment: environment, profile: try? context.resolver.profileSettings(), defaultAttempts: 10)
        let nodeSource = NodeSource(options: context.source, taskDefinitionCache: taskDefinitions) { region in
            ECSClient(region: region, endpoint: ECSClient.endpoint(explicit: options.endpointUrl, environment: environment, region: region),
                      credentialProvider: credentials, transport: context.transport, retryPolicy: retryPolicy)
        }
        let snapshot = try await nodeSource.snapshot()
        for failure in snapshot.failures { Terminal.diagnostic("error: \(failure)\n") }
        // An incomplete poll is not cached: the next run asks again.
        if caching, context.caching, snapshot.failures.isEmpty { try context.cache.store(snapshot.nodes, key: context.key) }
        return Listing(nodes: snapshot.nodes, failures: snapshot.failures)
    }

    private var credentialOptions: CredentialOptions {
        CredentialOptions(profile: options.profile, source: CredentialSource(rawValue: options.credentialProvider) ?? .default,
                          assumeRoleARN: options.assumeRoleArn, region: options.regions.first)
    }

    private func sourceOptions(regions: [String]) -> NodeSourceOptions {
        NodeSourceOptions(clusters: options.clusters, regions: regions, desiredStatus: options.desiredStatus,
                          services: options.services, excludedServices: options.excludedServices,
                          taskDefinitionFamilies: options.families, containerNames: options.containerNames,
                          tags: options.tags, excludedTags: options.excludedTags, concurrency: options.concurrency,
                          endpoint: options.endpointUrl, assumeRoleARN: options.assumeRoleArn)
    }

    /// Who asks, for the cache key: the profile, the credential source, the role and the
    /// access key id of environment keys (never a secret).
    private func identity(_ resolver: CredentialResolver) -> String {
        ["profile=\(resolver.profileName)", "source=\(options.credentialProvider)", "role=\(options.assumeRoleArn ?? "")",
         "key=\(environment["AWS_ACCESS_KEY_ID"] ?? "")"].joined(separator: ";")
    }
}

