import AWSSigner
import ArgumentParser
import ECSSim

/// Where to listen, which keys to accept, where sessions work, and when to stop.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: """
        The default region: where clusters that name none are (default: the spec's, else us-east-1). \
        Calls signed for any region are answered; a region without clusters is served empty.
        """)
    var region: String?

    @Option(name: .customLong("access-key"), help: "An access key id to accept; repeat with --secret-key for each key.")
    var accessKeys: [String] = []

    @Option(name: .customLong("secret-key"), help: "The secret of the --access-key at the same position.")
    var secretKeys: [String] = []

    @Option(name: .customLong("session-token"), help: "The session token of the --access-key at the same position, if any.")
    var sessionTokens: [String] = []

    @Option(name: .customLong("credential-lifetime"), help: """
        Seconds the temporary keys handed out at GET /_sim/credentials (a container credentials endpoint) work.
        """)
    var credentialLifetime: Double = 3600

    @Option(name: .customLong("revoke-credentials-after"), help: """
        After this many ECS calls signed with temporary keys, every key issued so far expires at once \
        (ExpiredTokenException from then on; keys fetched afterwards work).
        """)
    var revokeCredentialsAfter: Int?

    @Option(name: .customLong("web-identity-token"), help: """
        The one token STS AssumeRoleWithWebIdentity accepts (default: any non-empty token).
        """)
    var webIdentityToken: String?

    @Flag(name: .customLong("kms-challenge"), help: """
        KMS-encrypted sessions send a random challenge and require it back, as newer agents with \
        Kms.RequireKMSChallengeResponse do.
        """)
    var kmsChallenge = false

    @Option(name: .customLong("idle-timeout"), help: """
        Seconds without client input (keystrokes or terminal sizes) after which a session ends, \
        as ECS Exec's do after 20 minutes (default: never).
        """)
    var idleTimeout: Double?

    @Option(name: .customLong("state-dir"), help: "Where exec sessions' working directories go (default: a temporary directory).")
    var stateDirectory: String?

    @Flag(help: "Stop when standard input reaches end of file (how tests run it).")
    var stopOnStdinEOF = false

    @Flag(help: "Accept data-channel WebSocket upgrades without an Authorization header (plugins before 1.2.764).")
    var acceptUnsignedUpgrades = false

    @Option(help: "Event-loop threads (default: one per core).")
    var threads: Int?

    func validate() throws {
        guard accessKeys.count == secretKeys.count else {
            throw ValidationError("Give one --secret-key for each --access-key.")
        }
        guard sessionTokens.isEmpty || sessionTokens.count == accessKeys.count else {
            throw ValidationError("Give either no --session-token or one for each --access-key.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (idleTimeout ?? 1) > 0 else { throw ValidationError("--idle-timeout must be more than 0 seconds.") }
        guard credentialLifetime > 0 else { throw ValidationError("--credential-lifetime must be more than 0 seconds.") }
        guard (revokeCredentialsAfter ?? 1) >= 1 else { throw ValidationError("--revoke-credentials-after must be at least 1.") }
    }

    /// The keys to accept: those given, else the documented demo pair.
    func credentials() -> [Credentials] {
        guard !accessKeys.isEmpty else { return [SimulatorConfiguration.demoCredentials] }
        return accessKeys.indices.map { index in
            Credentials(accessKeyID: accessKeys[index], secretAccessKey: secretKeys[index],
                        sessionToken: sessionTokens.isEmpty ? nil : sessionTokens[index])
        }
    }
}
