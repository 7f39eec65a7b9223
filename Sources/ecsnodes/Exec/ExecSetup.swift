import AWSCore
import AWSHTTP
import Executor
import Foundation
import Synchronization

/// What running commands needs from the AWS side: one HTTP client, the credentials (resolved
/// before anything runs, so missing keys end the command at once) and an ECS client per region.
struct ExecSetup {
    let transport: CurlClient
    let credentials: any CredentialProvider
    let runner: NodeRunner
    /// The ECS client of each region.
    let clients: ECSClients

    /// Builds the pieces from the source options; prints and exits 5 when there are no credentials.
    init(options: SourceOptions, parallel: Int, debug: (@Sendable (String, String) -> Void)?) async throws {
        let environment = AWSEnvironment.current
        let transport = CurlClient(configuration: .init(maxConnections: min(max(parallel, 8), 64),
                                                        caBundle: options.caBundle ?? environment["AWS_CA_BUNDLE"]))
        do {
            let resolver = try CredentialResolver(
                options: CredentialOptions(profile: options.profile, source: CredentialSource(rawValue: options.credentialProvider) ?? .default,
                                           assumeRoleARN: options.assumeRoleArn, region: options.regions.first),
                environment: environment, transport: transport)
            let credentials = try resolver.provider()
            guard try await credentials.credentials() != nil else { throw CredentialsError.notFound(tried: [credentials.name]) }
            // Sessions start in bursts: allow more attempts for throttled ExecuteCommand calls
            // than the default 3, unless AWS_MAX_ATTEMPTS or the profile says otherwise.
            let policy = RetryPolicy(environment: environment, profile: try? resolver.profileSettings(), defaultAttempts: 8)
            let clients = ECSClients { region in
                ECSClient(region: region, endpoint: ECSClient.endpoint(explicit: options.endpointUrl, environment: environment, region: region),
                          credentialProvider: credentials, transport: transport, retryPolicy: policy)
            }
            self.transport = transport
            self.credentials = credentials
            self.clients = clients
            let endpointURL = options.endpointUrl
            self.runner = NodeRunner(ecs: { clients.client(for: $0) }, credentials: credentials,
                                     transport: NIOWebSocketTransport(caBundle: options.caBundle ?? environment["AWS_CA_BUNDLE"],
                                                                      proxies: ProxyConfiguration(environment: environment.variables)),
                                     debug: debug,
                                     kms: { region in
                                         // KMS goes to --endpoint-url too: ecs-sim serves it there.
                                         KMSClient(region: region, endpoint: KMSClient.endpoint(explicit: endpointURL, environment: environment, region: region),
                                                   credentialProvider: credentials, transport: transport, retryPolicy: policy)
                                     })
        } catch let error as CredentialsError {
            transport.close()
            Terminal.diagnostic("error: \(error)\n")
            throw ExitStatus.credentials
        } catch let error as ConfigFileError {
            transport.close()
            Terminal.diagnostic("error: \(error)\nhint: fix the shared config or credentials file at that line\n")
            throw ExitStatus.credentials
        }
    }
}

/// One ECS client per region, made on first use.
final class ECSClients: Sendable {
    private let make: @Sendable (String) -> ECSClient
    private let clients = Mutex<[String: ECSClient]>([:])

    init(make: @escaping @Sendable (String) -> ECSClient) {
        self.make = make
    }

    func client(for region: String) -> ECSClient {
        clients.withLock { clients in
            if let client = clients[region] { return client }
            let client = make(region)
            clients[region] = client
            return client
        }
    }
}
