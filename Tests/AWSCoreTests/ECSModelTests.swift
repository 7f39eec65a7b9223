import AWSHTTP
import AWSSigner
import Foundation
import Testing
@testable import AWSCore

/// The ECS shapes decode whatever AWS (or moto) leaves out or adds, and requests are built as
/// the JSON 1.1 protocol wants them (aws-core.md §4).
struct ECSModelTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func missingAndUnknownFieldsDoNotFail() throws {
        #expect(try Self.decode(ECS.Task.self, "{}") == ECS.Task())
        #expect(try Self.decode(ECS.Container.self, "{}") == ECS.Container())
        #expect(try Self.decode(ECS.DescribeTasksResponse.self, "{}") == ECS.DescribeTasksResponse())
        let task = try Self.decode(ECS.Task.self, """
            {"taskArn": "arn:aws:ecs:us-east-1:1:task/prod/abc123", "lastStatus": "RUNNING", "launchType": "MANAGED_INSTANCES",
             "brandNewField": {"nested": [1, 2]}, "overrides": {}, "containers": [{"name": "app", "futureField": true}],
             "healthStatus": null, "startedAt": 1767323045.678, "version": 3}
            """)
        #expect(task.id == "abc123")
        #expect(task.launchType == .managedInstances)
        #expect(task.healthStatus == nil)
        #expect(task.containers == [ECS.Container(name: "app")])
        #expect(task.startedDate == Date(timeIntervalSince1970: 1767323045.678))
        #expect(task.version == 3)
    }

    @Test func containerNumbersMayBeStringsOrNumbers() throws {
        let moto = try Self.decode(ECS.Container.self, #"{"cpu": 128, "memory": 256, "memoryReservation": 64.5, "exitCode": 0}"#)
        #expect(moto.cpu == "128" && moto.memory == "256" && moto.memoryReservation == "64.5" && moto.exitCode == 0)
        let aws = try Self.decode(ECS.Container.self, #"{"cpu": "0", "memory": "512", "exitCode": "137"}"#)
        #expect(aws.cpu == "0" && aws.memory == "512" && aws.memoryReservation == nil && aws.exitCode == 137)
        let odd = try Self.decode(ECS.Container.self, #"{"cpu": null, "memory": {"x": 1}}"#)
        #expect(odd.cpu == nil && odd.memory == nil)
    }

    @Test func addressesComeFromTheENIOrTheContainers() throws {
        let fargate = try Self.decode(ECS.Task.self, """
            {"attachments": [{"type": "ElasticNetworkInterface", "details": [
                {"name": "subnetId", "value": "subnet-1"}, {"name": "privateIPv4Address", "value": "10.0.1.5"}]}]}
            """)
        #expect(fargate.privateIPv4Address == "10.0.1.5")
        #expect(fargate.attachments?.first?.detail("subnetId") == "subnet-1")
        let fromContainer = ECS.Task(containers: [ECS.Container(), ECS.Container(networkInterfaces: [.init(privateIpv4Address: "10.0.2.9")])])
        #expect(fromContainer.privateIPv4Address == "10.0.2.9")
        #expect(ECS.Task(taskArn: "arn:aws:ecs:us-east-1:1:task/oldstyle").id == "oldstyle")
        #expect(ECS.Task().privateIPv4Address == nil && ECS.Task().id == nil)
    }

    @Test func tagsBecomeADictionary() {
        let tags = [ECS.Tag(key: "env", value: "prod"), ECS.Tag(key: "empty", value: nil), ECS.Tag(key: nil, value: "x"), ECS.Tag(key: "env", value: "dev")]
        #expect(tags.dictionary == ["env": "dev", "empty": ""])
    }

    @Test func requestsEncodeOnlyWhatIsSet() throws {
        func json(_ value: some Encodable) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        #expect(try json(ECS.ListClustersRequest()) == "{}")
        #expect(try json(ECS.ListTasksRequest(cluster: "prod", desiredStatus: .stopped, launchType: .ec2, nextToken: "t"))
            == #"{"cluster":"prod","desiredStatus":"STOPPED","launchType":"EC2","nextToken":"t"}"#)
        #expect(try json(ECS.DescribeTasksRequest(cluster: "prod", tasks: ["a"])) == #"{"cluster":"prod","include":["TAGS"],"tasks":["a"]}"#)
        #expect(try json(ECS.DescribeTaskDefinitionRequest(taskDefinition: "web:3", include: nil)) == #"{"taskDefinition":"web:3"}"#)
        #expect(ECS.ListTasksRequest(cluster: "prod").clusterName == "prod")
        #expect(ECS.ListClustersRequest().clusterName == nil)
    }

    @Test func endpoints() {
        let none = AWSEnvironment(variables: [:], homeDirectory: "/nonexistent")
        #expect(ECSClient.defaultEndpoint(region: "eu-west-1") == "https://ecs.eu-west-1.amazonaws.com")
        #expect(ECSClient.defaultEndpoint(region: "cn-north-1") == "https://ecs.cn-north-1.amazonaws.com.cn")
        #expect(ECSClient.endpoint(explicit: nil, environment: none, region: "us-east-1") == "https://ecs.us-east-1.amazonaws.com")
        let both = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://all:1", "AWS_ENDPOINT_URL_ECS": "http://ecs:2"], homeDirectory: "/")
        #expect(ECSClient.endpoint(explicit: "http://flag:3", environment: both, region: "us-east-1") == "http://flag:3")
        #expect(ECSClient.endpoint(explicit: nil, environment: both, region: "us-east-1") == "http://ecs:2")
        let general = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://all:1"], homeDirectory: "/")
        #expect(ECSClient.endpoint(explicit: "", environment: general, region: "us-east-1") == "http://all:1")
        let ignored = AWSEnvironment(variables: ["AWS_ENDPOINT_URL": "http://all:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], homeDirectory: "/")
        #expect(ECSClient.endpoint(explicit: nil, environment: ignored, region: "us-east-1") == "https://ecs.us-east-1.amazonaws.com")
        #expect(ECSClient.postURL("http://127.0.0.1:4566") == "http://127.0.0.1:4566/")
        #expect(ECSClient.postURL("https://proxy.example/ecs//") == "https://proxy.example/ecs/")
    }

    @Test func requestsAreSignedJSON11Posts() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"clusterArns": ["arn:c"]}"#)])
        var ecs = ECSClient(region: "eu-west-1", credentials: Credentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token"),
                            transport: transport)
        ecs.now = { Date(timeIntervalSince1970: 1_767_323_045) }
        #expect(try await ecs.listClusters().clusterArns == ["arn:c"])
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "https://ecs.eu-west-1.amazonaws.com/")
        #expect(request.body == Array("{}".utf8))
        #expect(request.header("X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.ListClusters")
        #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(request.header("X-Amz-Date") == "20260102T030405Z")
        #expect(request.header("X-Amz-Security-Token") == "token")
        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260102/eu-west-1/ecs/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
    }

    @Test func missingCredentialsAreReported() async throws {
        struct NoCredentials: CredentialProvider {
            var name: String { "nothing" }
            func credentials() async throws -> Credentials? { nil }
        }
        let ecs = ECSClient(region: "us-east-1", credentialProvider: NoCredentials(), transport: ScriptedTransport([]))
        await #expect(throws: CredentialsError.notFound(tried: ["nothing"])) { _ = try await ecs.listClusters() }
    }

    @Test func aMalformedSuccessNamesWhatWasWrong() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"clusterArns": "not-a-list"}"#)])
        let ecs = ECSClient(region: "us-east-1", credentials: Credentials(accessKeyID: "AKID", secretAccessKey: "s"), transport: transport)
        let error = await #expect(throws: ECSClientError.self) { _ = try await ecs.listClusters() }
        #expect(error == .malformedResponse(action: "ListClusters", status: 200, reason: "expected Array<Any> at clusterArns"))
    }
}
