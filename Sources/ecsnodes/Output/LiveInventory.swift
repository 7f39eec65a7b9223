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

    /// Polls (or reads the cache when `useCache`); AWS, credential and transport failures that
    /// leave nothing listed are printed with their hint and end the command with the
    /// documented exit status; a region or cluster that fails while others answer is printed
    /// as an error and returned among the listing's failures. `taskDefinitions` keeps
    /// described task definitions between the polls of one process.
    func nodes(useCache: Bool = true, taskDefinitions: TaskDefinitionCache = TaskDefinitionCache()) async throws -> Listing {
        do {
            let listing = try await load(useCache: useCache, taskDefinitions: taskDefinitions)
            for failure in listing.failures { Terminal.diagnostic("error: \(failure)\n") }
            return listing
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

    private func load(useCache: Bool, taskDefinitions: TaskDefinitionCache) async throws -> Listing {
        let transport = CurlClient(configuration: .init(maxConnections: options.concurrency, caBundle: options.caBundle ?? environment["AWS_CA_BUNDLE"]))
        defer { transport.close() }
        let resolver = try CredentialResolver(options: credentialOptions, environment: environment, transport: transport)
        let regions = options.regions.isEmpty ? [resolver.region()].compactMap { $0 } : options.regions
        guard !regions.isEmpty else {
            throw CredentialsError.noRegion
        }
        let source = sourceOptions(regions: regions)
        let cache = NodeCache(directory: options.cacheDir ?? NodeCache.defaultDirectory(environment: environment.variables))
        let key = NodeCache.key(source: source, identity: identity(resolver))
        let caching = useCache && options.maxAge > 0
        if caching, !options.refresh, let cached = cache.load(key: key, maxAge: .seconds(options.maxAge)) {
            return Listing(nodes: cached, failures: [])
        }
        let credentials = try resolver.provider()
        let retryPolicy = RetryPolicy(environment: environment, profile: try? resolver.profileSettings())
        let nodeSource = NodeSource(options: source, taskDefinitionCache: taskDefinitions) { region in
            ECSClient(region: region, endpoint: ECSClient.endpoint(explicit: options.endpointUrl, environment: environment, region: region),
                      credentialProvider: credentials, transport: transport, retryPolicy: retryPolicy)
        }
        let snapshot = try await nodeSource.snapshot()
        // An incomplete poll is not cached: the next run asks again.
        if caching, snapshot.failures.isEmpty { try cache.store(snapshot.nodes, key: key) }
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

extension LiveInventory.Listing {
    /// The nodes `filter` selects; the failures are added to `failures`.
    func selecting(_ filter: Filter, failures: inout [PollFailure]) -> NodeSelection {
        failures += self.failures
        return NodeSelection.select(nodes, filter: filter)
    }
}
