import AWSHTTP
import AWSSigner
import Foundation

/// Calls the Amazon ECS API: JSON 1.1 over `POST /`, signed with SigV4 for the service `ecs`,
/// sent through an ``HTTPTransport`` and retried by a ``RetryPolicy``.
///
/// Each call resolves the credentials, encodes the request as a JSON object, and sends it
/// with `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Action>`, signed afresh for every
/// attempt. A 2xx answer is decoded into the request's response shape; any other status
/// becomes an ``AWSError``. Transport failures are thrown as the transport reports them
/// (``CurlError``) once the retries are spent.
public struct ECSClient: Sendable {
    /// The `X-Amz-Target` prefix of every ECS action.
    public static let targetPrefix = "AmazonEC2ContainerServiceV20141113"
    /// The content type of requests and responses.
    public static let contentType = JSONProtocolCall.contentType

    /// The region requests are signed for; it also picks the default endpoint.
    public let region: String
    /// The URL requests go to (`POST` to its path, `/` by default).
    public let endpoint: String
    /// Where each call's credentials come from.
    public let credentialProvider: any CredentialProvider
    public let transport: any HTTPTransport
    public var retryPolicy: RetryPolicy
    /// The time each request is signed with; the clock unless a test pins it.
    public var now: @Sendable () -> Date = { Date() }

    /// A client for `region`; `endpoint` overrides ``defaultEndpoint(region:)`` (see
    /// ``endpoint(explicit:environment:region:)`` for `--endpoint-url` and the environment).
    public init(
        region: String,
        endpoint: String? = nil,
        credentialProvider: any CredentialProvider,
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.region = region
        self.endpoint = endpoint ?? Self.defaultEndpoint(region: region)
        self.credentialProvider = credentialProvider
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// A client that signs with fixed keys.
    public init(
        region: String,
        endpoint: String? = nil,
        credentials: Credentials,
        transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.init(region: region, endpoint: endpoint, credentialProvider: FixedCredentialProvider(fixed: credentials),
                  transport: transport, retryPolicy: retryPolicy)
    }

    /// `https://ecs.<region>.amazonaws.com`, or `…amazonaws.com.cn` for the China regions.
    public static func defaultEndpoint(region: String) -> String {
        JSONProtocolCall.defaultEndpoint(service: "ecs", region: region)
    }

    /// The endpoint to use: `explicit` (`--endpoint-url`), else `AWS_ENDPOINT_URL_ECS`, else
    /// `AWS_ENDPOINT_URL`, else ``defaultEndpoint(region:)``. The two variables are ignored
    /// when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`, as the SDKs do.
    public static func endpoint(explicit: String?, environment: AWSEnvironment, region: String) -> String {
        JSONProtocolCall.endpoint(service: "ecs", explicit: explicit, environment: environment, region: region)
    }

    /// Sends `request` and decodes its answer.
    public func send<Request: ECSRequest>(_ request: Request) async throws -> Request.Response {
        try decode(try await exchange(request), of: Request.self)
    }

    /// Sends `request` and returns its 2xx answer undecoded, so a caller that bounds the
    /// calls in flight can decode outside its bound (with ``decode(_:of:)``).
    public func exchange<Request: ECSRequest>(_ request: Request) async throws -> HTTPResponse {
        let body = try JSONEncoder().encode(request)
        return try await send(action: Request.action, body: Array(body), cluster: request.clusterName)
    }

    /// The answer of a `Request` call, from the response ``exchange(_:)`` returned.
    public func decode<Request: ECSRequest>(_ response: HTTPResponse, of request: Request.Type) throws -> Request.Response {
        if let readable = Request.Response.self as? any JSONReadable.Type {
            do {
                return try readable.read(from: response.body.isEmpty ? Array("{}".utf8) : response.body) as! Request.Response
            } catch {
                throw ECSClientError.malformedResponse(action: Request.action, status: response.status, reason: error.description)
            }
        }
        do {
            return try JSONDecoder().decode(Request.Response.self, from: Data(response.body.isEmpty ? Array("{}".utf8) : response.body))
        } catch {
            throw ECSClientError.malformedResponse(action: Request.action, status: response.status, reason: Self.decodingFailure(error))
        }
    }

    /// Sends `body` (a JSON object) to `action`, retrying as ``retryPolicy`` allows, and returns
    /// the 2xx response; any other status throws an ``AWSError`` naming `cluster`.
    public func send(action: String, body: [UInt8], cluster: String? = nil) async throws -> HTTPResponse {
        try await JSONProtocolCall(service: "ecs", targetPrefix: Self.targetPrefix, region: region, endpoint: endpoint,
                                   credentialProvider: credentialProvider, transport: transport, retryPolicy: retryPolicy, now: now)
            .send(action: action, body: body, cluster: cluster)
    }

    /// The endpoint with its path ending in `/`, where JSON-protocol requests go.
    static func postURL(_ endpoint: String) -> String {
        JSONProtocolCall.postURL(endpoint)
    }

    /// A decoding error in a line: what was wrong and where, without the body's values.
    static func decodingFailure(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case DecodingError.typeMismatch(let type, let context): return "expected \(type) at \(path(context))"
        case DecodingError.valueNotFound(let type, let context): return "expected \(type) at \(path(context)), found null"
        case DecodingError.keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context))"
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty: return "the body is not valid JSON"
        case DecodingError.dataCorrupted(let context): return "invalid value at \(path(context))"
        default: return "\(type(of: error))"
        }
    }
}

/// Keys given once, used for every call.
struct FixedCredentialProvider: CredentialProvider {
    let fixed: Credentials
    var name: String { "fixed credentials" }
    func credentials() async throws -> Credentials? { fixed }
}
