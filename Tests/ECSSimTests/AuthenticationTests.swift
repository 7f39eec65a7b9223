import AWSCore
import AWSHTTP
import AWSSigner
import Foundation
import NIOHTTP1
import Testing
@testable import ECSSim

/// Every ECS and KMS call is SigV4-verified against the configured keys, and the WebSocket
/// upgrade for `ssmmessages`; failures come back as AWS words them.
struct AuthenticationTests {
    @Test func configuredKeysReplaceTheDemoPair() async throws {
        let key = Credentials(accessKeyID: "AKIAOTHERKEY00000000", secretAccessKey: "other/secret")
        let temporary = Credentials(accessKeyID: "ASIATEMPORARY0000000", secretAccessKey: "temp/secret", sessionToken: "token==")
        try await SimHarness.with(.demo, { $0.credentials = [key, temporary] }) { sim in
            _ = try await sim.call("ListClusters", [:], client: sim.client(key))
            _ = try await sim.call("ListClusters", [:], client: sim.client(temporary))
            let demo = try await sim.error("ListClusters", [:], client: sim.client(SimHarness.demoKeys))
            #expect(demo.code == "UnrecognizedClientException")
            #expect(demo.message == "The security token included in the request is invalid.")
            #expect(demo.description.contains("hint: AWS does not recognise the access key id"))
            var noToken = temporary
            noToken.sessionToken = nil
            #expect(try await sim.error("ListClusters", [:], client: sim.client(noToken)).code == "UnrecognizedClientException")
        }
    }

    /// `/_sim/credentials` hands out a new temporary key per fetch, in the container endpoint's
    /// shape; it works until its expiration or a revocation, then ExpiredTokenException.
    @Test func temporaryKeysWorkUntilTheyExpireOrAreRevoked() async throws {
        // Four seconds: long enough that a loaded CI machine still uses the key in time, short
        // enough to wait out.
        try await SimHarness.with(.demo, { $0.temporaryKeyLifetime = 4 }) { sim in
            let (first, second) = (try await sim.temporaryKey(), try await sim.temporaryKey())
            #expect(first.accessKeyID.hasPrefix("ASIA") && first.accessKeyID != second.accessKeyID)
            let expiration = try #require(first.expiration)
            #expect(first.sessionToken != nil && expiration > Date() && expiration <= Date().addingTimeInterval(5))
            _ = try await sim.call("ListClusters", [:], client: sim.client(first))
            try await Task.sleep(for: .seconds(max(0, expiration.timeIntervalSinceNow) + 0.2))
            let expired = try await sim.error("ListClusters", [:], client: sim.client(first, maxAttempts: 1))
            #expect(expired.code == "ExpiredTokenException" && expired.status == 400)
            #expect(expired.description.contains("the temporary credentials have expired"))
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["credentials"] as? [String: Int] == ["issued": 2, "revoked": 0])
        }
        try await SimHarness.with(.demo) { sim in
            let key = try await sim.temporaryKey()
            _ = try await sim.call("ListClusters", [:], client: sim.client(key))
            #expect(try await sim.sim("POST", "/_sim/credentials/revoke").json["revoked"] as? Int == 1)
            #expect(try await sim.error("ListClusters", [:], client: sim.client(key)).code == "ExpiredTokenException")
            _ = try await sim.call("ListClusters", [:], client: sim.client(try await sim.temporaryKey()))
        }
    }

    /// A client whose cached keys are revoked in the middle of a listing fetches new ones and
    /// sends the refused call again: the listing is complete, one call was refused per key.
    @Test func aClientWithRefreshingCredentialsOutlivesARevocation() async throws {
        let spec = FleetGenerator(clusters: 1, tasksPerCluster: 30, containersPerTask: 1).spec()
        try await SimHarness.with(spec, { $0.revokeTemporaryKeysAfterCalls = 4 }) { sim in
            let container = ContainerCredentialProvider(
                environment: AWSEnvironment(variables: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": sim.endpoint + "/_sim/credentials"]),
                transport: sim.transport)
            let client = ECSClient(region: sim.region, endpoint: sim.endpoint, credentialProvider: RefreshingCredentialProvider(wrapping: container),
                                   transport: sim.transport, retryPolicy: RetryPolicy(maxAttempts: 1))
            let cluster = try #require(try await client.allClusterArns().first)
            let listing = try await sim.listAllTasks(client, cluster: cluster, pageSize: 2)
            #expect(listing.arns.count == 30 && Set(listing.arns).count == 30)
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["credentials"] as? [String: Int] == ["issued": 2, "revoked": 1])
            #expect(stats["errors"] as? [String: Int] == ["ExpiredTokenException": 1])
        }
    }

    @Test func expiredSignatureIsRefusedWithTheClockHint() async throws {
        try await SimHarness.with(.demo) { sim in
            var client = sim.client(maxAttempts: 1)
            client.now = { Date().addingTimeInterval(-20 * 60) }
            let error = try await sim.error("ListClusters", [:], client: client)
            #expect(error.code == "InvalidSignatureException")
            #expect(error.message.hasPrefix("Signature expired: "))
            #expect(error.description.contains("check the system clock"))
        }
    }

    @Test func unsignedRequestsAndUnservedRegions() async throws {
        try await SimHarness.with(.demo) { sim in
            let unsigned = try await sim.transport.send(HTTPRequest(method: "POST", url: sim.endpoint + "/", headers: [
                (name: "X-Amz-Target", value: "AmazonEC2ContainerServiceV20141113.ListClusters"),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
            ], body: Array("{}".utf8)))
            let error = AWSError(action: "ListClusters", response: unsigned)
            #expect((error.code, error.message, error.status) == ("MissingAuthenticationTokenException", "Missing Authentication Token", 400))
            // Every region reaches this one endpoint: a region the fleet has nothing in is an
            // empty one, not a wrong signature.
            let elsewhere = ECSClient(region: "eu-west-1", endpoint: sim.endpoint, credentials: SimHarness.demoKeys, transport: sim.transport)
            #expect(try await elsewhere.allClusterArns().isEmpty)
            let cluster = try await sim.error("ListTasks", ["cluster": "prod"], client: elsewhere)
            #expect(cluster.code == "ClusterNotFoundException")
            let definition = try await sim.error("DescribeTaskDefinition", ["taskDefinition": "petclinic"], client: elsewhere)
            #expect(definition.code == "ClientException")
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["errors"] as? [String: Int] == ["MissingAuthenticationTokenException": 1, "ClusterNotFoundException": 1,
                                                          "ClientException": 1])
        }
    }

    @Test func kmsCallsAreVerifiedForKMSAndHandedToTheHub() async throws {
        try await SimHarness.with(.demo) { sim in
            let url = sim.endpoint + "/"
            let request = try SignableRequest(method: "POST", url: url, headers: [
                (name: "X-Amz-Target", value: "TrentService.GenerateDataKey"),
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
            ], body: Array(#"{"KeyId":"k","NumberOfBytes":64}"#.utf8))
            for (service, rejected) in [("kms", false), ("ecs", true)] {
                let signed = SigV4Signer(credentials: SimHarness.demoKeys, region: sim.region, service: service).sign(request)
                let response = try await sim.transport.send(HTTPRequest(method: "POST", url: url, headers: signed.headers, body: signed.body))
                let code = AWSError(action: "GenerateDataKey", response: response).code
                // The hub answers what KMS answers; only the signature check is ours.
                #expect((code == "InvalidSignatureException") == rejected, "\(service): \(code)")
            }
            let stats = try await sim.sim("GET", "/_sim/stats").json
            #expect(stats["kmsCalls"] as? [String: Int] == ["GenerateDataKey": 2])
            #expect((stats["calls"] as? [String: Int])?.isEmpty == true)
        }
    }

    /// The hub's upgrader asks ECSSim's closure: a GET to the stream URL signed for `ssmmessages`.
    @Test func upgradeVerification() throws {
        let verifier = SigV4Verifier(credentials: [SimHarness.demoKeys], region: "us-east-1", service: "ssmmessages")
        let url = "ws://127.0.0.1:4000/v1/data-channel/ecs-execute-command-abc?role=publish_subscribe&cell-number=x"
        var signed = SigV4Signer(credentials: SimHarness.demoKeys, region: "us-east-1", service: "ssmmessages")
            .sign(try SignableRequest(method: "GET", url: url))
        signed.setHeader("Host", signed.authority)
        func head(_ request: SignableRequest) -> HTTPRequestHead {
            HTTPRequestHead(version: .http1_1, method: .GET, uri: request.requestTarget,
                            headers: HTTPHeaders(request.headers.map { ($0.name, $0.value) } + [("Upgrade", "websocket")]))
        }
        #expect(Simulator.verifyUpgrade(head(signed), verifier: verifier, acceptsUnsigned: false))
        var unsigned = signed
        unsigned.headers.removeAll { $0.name == "Authorization" }
        #expect(!Simulator.verifyUpgrade(head(unsigned), verifier: verifier, acceptsUnsigned: false))
        #expect(Simulator.verifyUpgrade(head(unsigned), verifier: verifier, acceptsUnsigned: true))
        var forged = signed
        forged.path = "/v1/data-channel/ecs-execute-command-xyz"
        #expect(!Simulator.verifyUpgrade(head(forged), verifier: verifier, acceptsUnsigned: true))
        let ecsSigned = SigV4Signer(credentials: SimHarness.demoKeys, region: "us-east-1", service: "ecs")
            .sign(try SignableRequest(method: "GET", url: url))
        #expect(!Simulator.verifyUpgrade(head(ecsSigned), verifier: verifier, acceptsUnsigned: true))
    }

    /// A refused upgrade is answered, not hung up on: the client learns it was refused (403)
    /// and can sign it again.
    @Test func aRefusedUpgradeIsAnswered403() async throws {
        try await SimHarness.with(.demo) { sim in
            let response = try await sim.transport.send(HTTPRequest(method: "GET", url: sim.endpoint + "/v1/data-channel/ecs-execute-command-x", headers: [
                (name: "Connection", value: "Upgrade"), (name: "Upgrade", value: "websocket"),
                (name: "Sec-WebSocket-Version", value: "13"), (name: "Sec-WebSocket-Key", value: "dGhlIHNhbXBsZSBub25jZQ=="),
            ]))
            #expect(response.status == 403)
        }
    }
}
