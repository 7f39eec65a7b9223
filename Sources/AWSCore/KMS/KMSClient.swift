import AWSHTTP
import AWSSigner
import Foundation

/// Calls AWS KMS for the data channel's encryption handshake: `GenerateDataKey` only. The
/// same protocol as ``ECSClient`` (JSON 1.1 over `POST /`, SigV4), for the service `kms` with
/// `X-Amz-Target: TrentService.<Action>`.
public struct KMSClient: Sendable {
    /// The `X-Amz-Target` prefix of every KMS action.
    public static let targetPrefix = "TrentService"

    public let region: String
    public let endpoint: String
    public let credentialProvider: any CredentialProvider
    public let transport: any HTTPTransport
    public var retryPolicy: RetryPolicy
    /// The time each request is signed with; the clock unless a test pins it.
    public var now: @Sendable () -> Date = { Date() }

    public init(region: String, endpoint: String? = nil, credentialProvider: any CredentialProvider,
                transport: any HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.region = region
        self.endpoint = endpoint ?? Self.defaultEndpoint(region: region)
        self.credentialProvider = credentialProvider
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// `https://kms.<region>.amazonaws.com`, or `…amazonaws.com.cn` for the China regions.
    public static func defaultEndpoint(region: String) -> String {
        JSONProtocolCall.defaultEndpoint(service: "kms", region: region)
    }

    /// The endpoint to use: `explicit` (`--endpoint-url`, which ecs-sim also serves KMS at),
    /// else `AWS_ENDPOINT_URL_KMS`, else `AWS_ENDPOINT_URL`, else ``defaultEndpoint(region:)``.
    public static func endpoint(explicit: String?, environment: AWSEnvironment, region: String) -> String {
        JSONProtocolCall.endpoint(service: "kms", explicit: explicit, environment: environment, region: region)
    }

    /// A data key from KMS: the plaintext (keep it out of every log) and the blob the agent decrypts.
    public struct DataKey: Sendable {
        public var plaintext: [UInt8]
        public var ciphertextBlob: [UInt8]
        public var keyId: String?

        public init(plaintext: [UInt8], ciphertextBlob: [UInt8], keyId: String? = nil) {
            self.plaintext = plaintext
            self.ciphertextBlob = ciphertextBlob
            self.keyId = keyId
        }
    }

    /// `GenerateDataKey` of `numberOfBytes` under `keyId`, bound to `encryptionContext`.
    public func generateDataKey(keyId: String, numberOfBytes: Int, encryptionContext: [String: String]) async throws -> DataKey {
        struct Request: Encodable {
            var KeyId: String
            var NumberOfBytes: Int
            var EncryptionContext: [String: String]
        }
        struct Response: Decodable {
            var Plaintext: Data?
            var CiphertextBlob: Data?
            var KeyId: String?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(Request(KeyId: keyId, NumberOfBytes: numberOfBytes, EncryptionContext: encryptionContext))
        let response = try await send(action: "GenerateDataKey", body: Array(body))
        guard let answer = try? JSONDecoder().decode(Response.self, from: Data(response.body)),
              let plaintext = answer.Plaintext, let blob = answer.CiphertextBlob else {
            throw ECSClientError.malformedResponse(action: "GenerateDataKey", status: response.status,
                                                   reason: "expected Plaintext and CiphertextBlob (base64)")
        }
        return DataKey(plaintext: Array(plaintext), ciphertextBlob: Array(blob), keyId: answer.KeyId)
    }

    /// Sends `body` to `action`, retrying as ``retryPolicy`` allows; any non-2xx status throws
    /// an ``AWSError`` of the service `kms`, with keys and tokens removed from its message.
    public func send(action: String, body: [UInt8]) async throws -> HTTPResponse {
        try await JSONProtocolCall(service: "kms", targetPrefix: Self.targetPrefix, region: region, endpoint: endpoint,
                                   credentialProvider: credentialProvider, transport: transport, retryPolicy: retryPolicy, now: now)
            .send(action: action, body: body)
    }
}
