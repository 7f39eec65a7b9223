import AWSHTTP
import AWSSigner
import Foundation
import Testing
import TestSupport
@testable import AWSCore

/// ECSClient against moto with SigV4 verification on (aws-core.md §3.8): what it lists and
/// describes with the fixture's IAM user equals what boto3 saw, and bad keys give the errors
/// real AWS gives, with hints that name the fix and never the secret.
///
/// Serialized: moto 5.2.1 switches DescribeTasks' tags on and off for `include` in a table
/// its request handlers share, so a describe without tags racing one with tags may get them.
@Suite(.motoFleet, .serialized)
struct ECSClientMotoTests {
    static func client(
        _ moto: MotoServer, keyID: String? = nil, secret: String? = nil, transport: any HTTPTransport = CurlClient()
    ) -> ECSClient {
        let credentials = Credentials(accessKeyID: keyID ?? moto.fleet.accessKeyId, secretAccessKey: secret ?? moto.fleet.secretAccessKey)
        return ECSClient(region: moto.fleet.region, endpoint: moto.endpoint, credentials: credentials, transport: transport,
                         retryPolicy: RetryPolicy(sleep: { _ in }))
    }

    /// boto3's `describe_tasks` answer for `cluster`, read with our model.
    static func boto3DescribeTasks(_ moto: MotoServer, cluster: String) throws -> ECS.DescribeTasksResponse {
        let object = try #require(moto.fixture("clusters", cluster, "describeTasks"))
        return try JSONDecoder().decode(ECS.DescribeTasksResponse.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test func listsTheClustersBoto3Lists() async throws {
        let moto = try MotoFleet.current()
        let ecs = Self.client(moto)
        #expect(try await ecs.allClusterArns() == moto.fleet.clusterArns)
        #expect(try await ecs.listClusters().clusterArns == moto.fleet.clusterArns)
        #expect(moto.fleet.clusterArns.count == 2)
    }

    @Test(arguments: ["prod", "staging"])
    func listsTheTasksAndServicesBoto3Lists(cluster: String) async throws {
        let moto = try MotoFleet.current()
        let ecs = Self.client(moto)
        let expected = try #require(moto.fleet.clusters[cluster])
        #expect(try await ecs.allTaskArns(cluster: cluster) == expected.taskArns)
        #expect(try await ecs.allTaskArns(cluster: expected.arn) == expected.taskArns)
        #expect(try await ecs.allServiceArns(cluster: cluster) == expected.serviceArns)
        #expect(try await ecs.allTaskArns(cluster: cluster, family: "no-such-family").isEmpty)
    }

    @Test(arguments: ["prod", "staging"])
    func describesTasksAsBoto3Does(cluster: String) async throws {
        let moto = try MotoFleet.current()
        let ecs = Self.client(moto)
        let arns = try #require(moto.fleet.clusters[cluster]?.taskArns)
        let answer = try await ecs.describeTasks(ECS.DescribeTasksRequest(cluster: cluster, tasks: arns))
        let boto3 = try Self.boto3DescribeTasks(moto, cluster: cluster)
        let byArn = { (tasks: [ECS.Task]?) in (tasks ?? []).sorted { ($0.taskArn ?? "") < ($1.taskArn ?? "") } }
        #expect(byArn(answer.tasks) == byArn(boto3.tasks))
        #expect(answer.failures == [])
        #expect(Set((answer.tasks ?? []).compactMap(\.taskArn)) == Set(arns))

        // Field by field against boto3's raw JSON, independently of our decoder.
        let rawTasks = try #require(moto.fixture("clusters", cluster, "describeTasks", "tasks") as? [[String: Any]])
        for raw in rawTasks {
            let task = try #require(answer.tasks?.first { $0.taskArn == raw["taskArn"] as? String })
            #expect(task.clusterArn == raw["clusterArn"] as? String)
            #expect(task.taskDefinitionArn == raw["taskDefinitionArn"] as? String)
            #expect(task.group == raw["group"] as? String)
            #expect(task.launchType?.rawValue == raw["launchType"] as? String)
            #expect(task.platformVersion == raw["platformVersion"] as? String)
            #expect(task.availabilityZone == raw["availabilityZone"] as? String)
            #expect(task.lastStatus == "RUNNING" && task.desiredStatus == "RUNNING")
            #expect(task.cpu == raw["cpu"] as? String && task.memory == raw["memory"] as? String)
            #expect(task.enableExecuteCommand == true)
            #expect(task.startedAt == raw["startedAt"] as? Double)
            let rawTags = try #require(raw["tags"] as? [[String: String]])
            #expect(task.tags?.dictionary == Dictionary(rawTags.map { ($0["key"]!, $0["value"]!) }) { $1 })
            let rawContainers = try #require(raw["containers"] as? [[String: Any]])
            #expect(task.containers?.map(\.name) == rawContainers.map { $0["name"] as? String })
            #expect(task.containers?.map(\.runtimeId) == rawContainers.map { $0["runtimeId"] as? String })
            #expect(task.containers?.map(\.image) == rawContainers.map { $0["image"] as? String })
            #expect(task.containers?.allSatisfy { $0.managedAgent("ExecuteCommandAgent")?.lastStatus == "RUNNING" } == true)
            if task.launchType == .fargate {
                let details = try #require((raw["attachments"] as? [[String: Any]])?.first?["details"] as? [[String: String]])
                let address = details.first { $0["name"] == "privateIPv4Address" }?["value"]
                #expect(task.privateIPv4Address != nil && task.privateIPv4Address == address)
                #expect(task.containers?.first?.networkInterfaces?.first?.privateIpv4Address == address)
            } else {
                #expect(task.privateIPv4Address == nil)
                #expect(task.containerInstanceArn == raw["containerInstanceArn"] as? String)
            }
        }
        if cluster == "prod" {
            let api = try #require(answer.tasks?.first { $0.group == "service:api" })
            #expect(api.tags?.dictionary == ["Name": "api", "added": "later"])
            let web = try #require(answer.tasks?.first { $0.group == "family:web" })
            #expect(web.containers?.map(\.name) == ["nginx", "envoy"])
            #expect(web.containers?.map(\.memory) == ["256", nil])
            #expect(web.containers?.map(\.memoryReservation) == [nil, "64"])
        }
    }

    @Test func describesTasksWithoutTagsWhenNotAsked() async throws {
        let moto = try MotoFleet.current()
        let arns = try #require(moto.fleet.clusters["prod"]?.taskArns)
        let answer = try await Self.client(moto).describeTasks(ECS.DescribeTasksRequest(cluster: "prod", tasks: arns, include: nil))
        #expect(answer.tasks?.count == arns.count)
        #expect(answer.tasks?.allSatisfy { $0.tags == nil || $0.tags == [] } == true)
    }

    @Test func describesTheTaskDefinitionAsBoto3Does() async throws {
        let moto = try MotoFleet.current()
        let answer = try await Self.client(moto).describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(taskDefinition: "web"))
        let raw = try #require(moto.fixture("describeTaskDefinition"))
        let boto3 = try JSONDecoder().decode(ECS.DescribeTaskDefinitionResponse.self, from: JSONSerialization.data(withJSONObject: raw))
        #expect(answer == boto3)
        let definition = try #require(answer.taskDefinition)
        #expect(definition.taskDefinitionArn == moto.fixture("describeTaskDefinition", "taskDefinition", "taskDefinitionArn") as? String)
        #expect(definition.family == "web" && definition.revision == 1 && definition.networkMode == "bridge")
        #expect(definition.containerDefinitions?.map(\.name) == ["nginx", "envoy"])
        #expect(definition.containerDefinitions?.first?.portMappings?.first?.containerPort == 80)
        #expect(definition.containerDefinitions?.map(\.cpu) == [128, 64])
        #expect(answer.tags?.dictionary == ["team": "edge"])
    }

    @Test func describesClustersWithTagsAndReportsMissingOnes() async throws {
        let moto = try MotoFleet.current()
        let answer = try await Self.client(moto).describeClusters(ECS.DescribeClustersRequest(clusters: ["prod", "nope"]))
        let prod = try #require(answer.clusters?.first)
        #expect(prod.clusterArn == moto.fleet.clusters["prod"]?.arn)
        #expect(prod.clusterName == "prod" && prod.status == "ACTIVE")
        #expect(prod.tags?.dictionary == ["env": "prod"])
        #expect(answer.failures?.map(\.reason) == ["MISSING"])
    }

    @Test func anUnknownClusterNamesTheCluster() async throws {
        let moto = try MotoFleet.current()
        let error = await #expect(throws: AWSError.self) {
            _ = try await Self.client(moto).listTasks(ECS.ListTasksRequest(cluster: "nope"))
        }
        #expect(error?.code == "ClusterNotFoundException")
        #expect(error?.status == 400)
        #expect(error?.requestID?.isEmpty == false)
        #expect(error?.description.contains("no cluster 'nope' in us-east-1") == true)
    }

    @Test func aWrongSecretIsSignatureDoesNotMatch() async throws {
        let moto = try MotoFleet.current()
        let wrongSecret = "wRoNgSeCrEt/" + String(moto.fleet.secretAccessKey.dropFirst(12))
        let counter = CountingTransport(CurlClient())
        let error = await #expect(throws: AWSError.self) {
            _ = try await Self.client(moto, secret: wrongSecret, transport: counter).listClusters()
        }
        let failure = try #require(error)
        #expect(failure.code == "SignatureDoesNotMatch")
        #expect(failure.status == 403)
        #expect(failure.action == "ListClusters")
        // moto answers auth failures as XML; the message came from its <Message>.
        #expect(failure.message.localizedCaseInsensitiveContains("signature"))
        #expect(failure.description.contains("check AWS_SECRET_ACCESS_KEY"))
        #expect(failure.description.contains("aws_secret_access_key"))
        for text in [failure.description, failure.message, String(reflecting: failure)] {
            #expect(!text.contains(wrongSecret))
            #expect(!text.contains(moto.fleet.secretAccessKey))
        }
        #expect(counter.count == 1)  // not retried
    }

    @Test func anUnknownKeyIsInvalidClientTokenId() async throws {
        let moto = try MotoFleet.current()
        let counter = CountingTransport(CurlClient())
        let error = await #expect(throws: AWSError.self) {
            _ = try await Self.client(moto, keyID: "AKIAEXAMPLEUNKNOWN01", transport: counter).allTaskArns(cluster: "prod")
        }
        #expect(error?.code == "InvalidClientTokenId")
        #expect(error?.status == 403)
        #expect(error?.description.contains("AWS_ACCESS_KEY_ID") == true)
        #expect(error?.description.contains(moto.fleet.secretAccessKey) == false)
        #expect(counter.count == 1)
    }
}
