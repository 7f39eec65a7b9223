import AWSCore
import NodeModel
import Testing
@testable import NodeSource

/// NodeMapper on hand-written tasks: names, attributes, fallbacks, and what is left out.
struct NodeMapperTests {
    static let cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod-eu"
    static let taskID = "3e1a9b42f5fb49f06d1b05d97491bc66"
    static let taskARN = "arn:aws:ecs:eu-west-1:123456789012:task/prod-eu/\(taskID)"

    static func container(_ name: String, uuid: String, cpu: String? = nil, memory: String? = nil,
                          reservation: String? = nil, health: String? = "HEALTHY", agent: String? = "RUNNING") -> ECS.Container {
        ECS.Container(
            containerArn: "arn:aws:ecs:eu-west-1:123456789012:container/prod-eu/\(taskID)/\(uuid)", taskArn: taskARN,
            name: name, image: "example/\(name):1", imageDigest: "sha256:\(uuid)", runtimeId: "\(taskID)-\(uuid.prefix(4))",
            lastStatus: "RUNNING", healthStatus: health, cpu: cpu, memory: memory, memoryReservation: reservation,
            managedAgents: agent.map { [ECS.ManagedAgent(name: "ExecuteCommandAgent", lastStatus: $0)] })
    }

    /// A Fargate service task with two containers, an ENI and tags.
    static let fargate = ECS.Task(
        taskArn: taskARN, clusterArn: cluster,
        taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:42",
        group: "service:payments", launchType: .fargate, platformVersion: "1.4.0", availabilityZone: "eu-west-1a",
        lastStatus: "RUNNING", desiredStatus: "RUNNING", healthStatus: "HEALTHY", cpu: "2048", memory: "4096",
        enableExecuteCommand: true, startedAt: 1_715_634_295.25,
        tags: [ECS.Tag(key: "env", value: "prod"), ECS.Tag(key: "team", value: "payments")],
        attachments: [ECS.Attachment(type: "ElasticNetworkInterface", details: [
            ECS.KeyValuePair(name: "privateIPv4Address", value: "10.10.12.37")])],
        containers: [
            container("payments", uuid: "429ad289-d8da-4265-aaa5-12aa40cc5f8d", cpu: "1024", memory: "3072", reservation: "2048"),
            container("nginx", uuid: "9c20486a-676e-4273-bc93-1205110f614b", cpu: "0", health: "UNKNOWN"),
        ])

    @Test func oneNodePerContainerNamedAfterTheContainerUUID() {
        let nodes = NodeMapper().nodes(for: Self.fargate, region: "eu-west-1")
        #expect(nodes.map(\.name) == ["payments-429ad289-d8da-4265-aaa5-12aa40cc5f8d", "nginx-9c20486a-676e-4273-bc93-1205110f614b"])
    }

    @Test func aFargateServiceContainerHasEveryAttribute() throws {
        let node = try #require(NodeMapper().nodes(for: Self.fargate, region: "eu-west-1").first)
        #expect(node.attributes == [
            "hostname": "10.10.12.37", "username": "root", "osFamily": "unix",
            "description": "payments container of service payments on ECS cluster prod-eu (eu-west-1)",
            "ECS:Account-ID": "123456789012", "ECS:Availability-Zone": "eu-west-1a", "ECS:CPU": "1024",
            "ECS:Cluster-ARN": Self.cluster, "ECS:Cluster-Name": "prod-eu",
            "ECS:Container-ARN": "arn:aws:ecs:eu-west-1:123456789012:container/prod-eu/\(Self.taskID)/429ad289-d8da-4265-aaa5-12aa40cc5f8d",
            "ECS:Container-Image": "example/payments:1", "ECS:Container-Name": "payments", "ECS:Container-Tags": "[]",
            "ECS:Desired-Status": "RUNNING", "ECS:Exec-Enabled": "true", "ECS:Exec-Agent-Status": "RUNNING",
            "ECS:Health-Status": "HEALTHY", "ECS:Image-Digest": "sha256:429ad289-d8da-4265-aaa5-12aa40cc5f8d",
            "ECS:Last-Status": "RUNNING", "ECS:Memory-Reservation": "2048", "ECS:Platform-Version": "1.4.0",
            "ECS:Private-IP": "10.10.12.37", "ECS:Region": "eu-west-1", "ECS:Runtime-ID": "\(Self.taskID)-429a",
            "ECS:Service-Name": "payments", "ECS:Started-At": "2024-05-13T21:04:55Z", "ECS:Task-ARN": Self.taskARN,
            "ECS:Task-Definition-ARN": "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:42",
            "ECS:Task-Definition-Family": "payments", "ECS:Task-Definition-Revision": "42", "ECS:Task-ID": Self.taskID,
            "ECS:Task-Launch-Type": "FARGATE", "ECS:Tag:env": "prod", "ECS:Tag:team": "payments",
        ])
        #expect(node.tags == ["fargate", "payments", "prod", "prod-eu"])
        #expect(node[attribute: "tags"] == "fargate, payments, prod, prod-eu")
    }

    @Test func cpuAndMemoryFallBackToTheTask() throws {
        let nginx = try #require(NodeMapper().nodes(for: Self.fargate, region: "eu-west-1").last)
        #expect(nginx.attributes["ECS:CPU"] == "2048")  // "0" reserves nothing: the task's
        #expect(nginx.attributes["ECS:Memory-Reservation"] == "4096")
        #expect(nginx.attributes["ECS:Health-Status"] == "UNKNOWN")
    }

    @Test func theTaskDefinitionFillsInWhatTheTaskLeavesOut() throws {
        var task = Self.fargate
        task.cpu = nil
        task.memory = nil
        task.containers = [Self.container("nginx", uuid: "9c20486a-676e-4273-bc93-1205110f614b")]
        let definition = ECS.TaskDefinition(
            taskDefinitionArn: task.taskDefinitionArn, family: "payments", revision: 42, cpu: "512", memory: "1024",
            containerDefinitions: [ECS.ContainerDefinition(name: "nginx", cpu: 128, memory: 256, memoryReservation: 128)])
        let node = NodeMapper().node(for: task.containers![0], of: task, region: "eu-west-1", taskDefinition: definition)
        #expect(node.attributes["ECS:CPU"] == "128")
        #expect(node.attributes["ECS:Memory-Reservation"] == "128")
        let bare = NodeMapper().node(for: task.containers![0], of: task, region: "eu-west-1",
                                     taskDefinition: ECS.TaskDefinition(cpu: "512", memory: "1024"))
        #expect(bare.attributes["ECS:CPU"] == "512" && bare.attributes["ECS:Memory-Reservation"] == "1024")
    }

    @Test func anEC2StandaloneTaskWithoutAnAddress() throws {
        let task = ECS.Task(
            taskArn: "arn:aws:ecs:us-east-1:210987654321:task/batch/0f1e2d3c", clusterArn: "arn:aws:ecs:us-east-1:210987654321:cluster/batch",
            taskDefinitionArn: "arn:aws:ecs:us-east-1:210987654321:task-definition/nightly-report:9",
            containerInstanceArn: "arn:aws:ecs:us-east-1:210987654321:container-instance/batch/abc", group: "family:nightly-report",
            launchType: .ec2, lastStatus: "RUNNING", desiredStatus: "RUNNING", enableExecuteCommand: false,
            tags: [ECS.Tag(key: "env", value: "batch"), ECS.Tag(key: "job", value: "report")],
            containers: [ECS.Container(containerArn: "arn:aws:ecs:us-east-1:210987654321:container/batch/0f1e2d3c/5235bf01",
                                       name: "report", image: "example/report:2024.05", memory: "512")])
        let node = try #require(NodeMapper().nodes(for: task, region: "us-east-1").first)
        #expect(node.name == "report-5235bf01")
        #expect(node.attributes["description"] == "report container of standalone task (family nightly-report) on ECS cluster batch (us-east-1)")
        #expect(node.attributes["hostname"] == "0f1e2d3c")  // no address: the task id
        #expect(node.attributes["ECS:Private-IP"] == nil)
        #expect(node.attributes["ECS:Service-Name"] == nil)
        #expect(node.attributes["ECS:Platform-Version"] == nil)
        #expect(node.attributes["ECS:Exec-Enabled"] == "false")
        #expect(node.attributes["ECS:Exec-Agent-Status"] == nil)
        #expect(node.attributes["ECS:Memory-Reservation"] == "512")
        #expect(node.attributes["ECS:Account-ID"] == "210987654321")
        #expect(node.attributes["ECS:Task-Definition-Family"] == "nightly-report")
        #expect(node.attributes["ECS:Task-Definition-Revision"] == "9")
        #expect(node.attributes["ECS:Tag:job"] == "report")
        #expect(node.tags == ["batch", "ec2", "nightly-report"])
    }

    @Test func missingFieldsGiveNoAttribute() throws {
        let task = ECS.Task(launchType: ECS.LaunchType(rawValue: ""), containers: [ECS.Container(name: "app")])
        let node = try #require(NodeMapper().nodes(for: task, region: "eu-west-1").first)
        #expect(node.name == "app-unknown")
        #expect(node.attributes == [
            "ECS:Container-Name": "app", "ECS:Container-Tags": "[]", "ECS:Region": "eu-west-1",
            "description": "app container of standalone task (eu-west-1)",
            "osFamily": "unix", "username": "root",
        ])
        #expect(node.tags.isEmpty)
        #expect(!node.attributes.values.contains("null"))
    }

    @Test func aTaskWithoutContainersHasNoNodes() {
        #expect(NodeMapper().nodes(for: ECS.Task(taskArn: Self.taskARN), region: "eu-west-1").isEmpty)
    }

    @Test func assumeRoleARNIsRecorded() throws {
        let role = "arn:aws:iam::123456789012:role/rundeck"
        let node = try #require(NodeMapper(assumeRoleARN: role).nodes(for: Self.fargate, region: "eu-west-1").first)
        #expect(node.attributes["assume-role-arn"] == role)
        #expect(NodeMapper().nodes(for: Self.fargate, region: "eu-west-1").first?.attributes["assume-role-arn"] == nil)
    }

    @Test func tagsAreDeduplicated() throws {
        var task = Self.fargate
        task.group = "service:prod"
        task.tags = [ECS.Tag(key: "env", value: "prod"), ECS.Tag(key: "aws:ecs:serviceName", value: "prod")]
        let node = try #require(NodeMapper().nodes(for: task, region: "eu-west-1").first)
        #expect(node.tags == ["fargate", "prod", "prod-eu"])
        #expect(node.attributes["ECS:Tag:aws:ecs:serviceName"] == "prod")
    }

    @Test(arguments: [
        (nil, nil), ("service:web", "web"), ("service:", nil), ("family:web", nil), ("web", nil),
    ] as [(String?, String?)])
    func serviceNameComesFromTheGroup(group: String?, service: String?) {
        #expect(NodeMapper.serviceName(group: group) == service)
    }

    @Test func tagListsRenderLikeTheSeed() {
        #expect(NodeMapper.renderTagList([]) == "[]")
        #expect(NodeMapper.renderTagList([ECS.Tag(key: "b", value: "2"), ECS.Tag(key: "a", value: nil)]) == "[a=, b=2]")
    }

    @Test(arguments: [
        (1_715_634_295.999, "2024-05-13T21:04:55Z"), (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"),
        (951_868_799.9, "2000-02-29T23:59:59Z"), (4_102_444_800, "2100-01-01T00:00:00Z"),
    ])
    func startTimesAreUTCToTheSecond(seconds: Double, text: String) {
        #expect(UTCTimestamp.string(epochSeconds: seconds) == text)
    }

    @Test func arnsSplitIntoTheirParts() throws {
        let arn = try #require(ARN("arn:aws:ecs:eu-west-1:123456789012:task-definition/payments:42"))
        #expect(arn.region == "eu-west-1" && arn.account == "123456789012")
        #expect(arn.taskDefinition?.family == "payments" && arn.taskDefinition?.revision == "42")
        #expect(ARN.name(Self.cluster) == "prod-eu" && ARN.name("prod-eu") == "prod-eu")
        #expect(ARN("prod-eu") == nil)
    }
}
