import AWSCore
import AWSHTTP
import Foundation
import Testing
@testable import ECSSim

/// The ECS actions over HTTP with our own client: pagination, describe calls and the error
/// shapes, as ECS answers them.
struct ECSAPITests {
    static let paged = FleetGenerator(clusters: 2, tasksPerCluster: 230, containersPerTask: 2, servicesPerCluster: 13, seed: 3).spec()

    @Test func paginationFollowsNextTokenToTheEndInStableOrder() async throws {
        try await SimHarness.with(Self.paged) { sim in
            let client = sim.client()
            let cluster = sim.fleet.clusters[1]
            let (pages, arns) = try await sim.listAllTasks(client, cluster: cluster.name)
            #expect(pages == [100, 100, 30])
            #expect(arns == cluster.tasks.map(\.arn))
            // Default page sizes: 100 for tasks and clusters, 10 for services.
            #expect(try await client.listTasks(ECS.ListTasksRequest(cluster: cluster.arn)).items.count == 100)
            let services = try await client.listServices(ECS.ListServicesRequest(cluster: cluster.name))
            #expect(services.items.count == 10 && services.nextToken != nil)
            #expect(try await client.allServiceArns(cluster: cluster.name) == cluster.services.map(\.arn))
            #expect(try await client.all(ECS.ListClustersRequest(maxResults: 1)) == sim.fleet.clusters.map(\.arn))
        }
    }

    @Test func listTasksFilters() async throws {
        try await SimHarness.with(.demo) { sim in
            let client = sim.client()
            let prod = sim.fleet.clusters[0]
            #expect(try await client.allTaskArns(cluster: "prod") == prod.tasks.map(\.arn))
            #expect(try await client.allTaskArns(cluster: "prod", serviceName: "petclinic").count == 3)
            #expect(try await client.allTaskArns(cluster: "prod", serviceName: prod.services[0].arn).count == 3)
            #expect(try await client.allTaskArns(cluster: "prod", family: "nginx").count == 2)
            #expect(try await client.allTaskArns(cluster: "prod", launchType: .ec2).count == 3)
            #expect(try await client.allTaskArns(cluster: "prod", startedBy: "events-rule/nightly-report").count == 1)
            #expect(try await client.allTaskArns(cluster: "staging").count == 3, "the PENDING task's desired status is RUNNING")
            #expect(try await client.allTaskArns(cluster: "staging", desiredStatus: .stopped).count == 1)
            let error = try await #require(throws: AWSError.self) { try await client.allTaskArns(cluster: "prod", serviceName: "nope") }
            #expect(error.code == "ServiceNotFoundException")
        }
    }

    /// Every filter given applies, together: what NodeSource sends when one value allows it
    /// (a service or a family, the launch type, the desired status).
    @Test func listTasksFiltersCombine() async throws {
        try await SimHarness.with(.demo) { sim in
            let client = sim.client()
            let petclinic = sim.fleet.clusters[0].tasks.filter { $0.serviceName == "petclinic" }.map(\.arn)
            let fargate = try await client.allTaskArns(cluster: "prod", serviceName: "petclinic", desiredStatus: .running, launchType: .fargate)
            #expect(fargate == petclinic)
            let ec2 = try await client.allTaskArns(cluster: "prod", serviceName: "petclinic", launchType: .ec2)
            #expect(ec2.isEmpty)
            let nightly = try await client.allTaskArns(cluster: "prod", family: "nightly-report", startedBy: "events-rule/nightly-report",
                                                       launchType: .ec2)
            #expect(nightly.count == 1)
            let someoneElse = try await client.allTaskArns(cluster: "prod", family: "nginx", startedBy: "someone-else")
            #expect(someoneElse.isEmpty)
            let pending = try await client.allTaskArns(cluster: "staging", family: "db-migrate", startedBy: "deploy-pipeline")
            let stopped = try await client.allTaskArns(cluster: "staging", family: "db-migrate", startedBy: "deploy-pipeline",
                                                       desiredStatus: .stopped)
            #expect(pending.count == 1 && stopped.count == 1 && pending != stopped)
            let stoppedWorkers = try await client.allTaskArns(cluster: "staging", serviceName: "worker", desiredStatus: .stopped)
            #expect(stoppedWorkers.isEmpty)
        }
    }

    @Test func describeTasksIncludesTagsOnlyWhenAskedAndReportsMissingOnes() async throws {
        try await SimHarness.with(.demo) { sim in
            let client = sim.client()
            let task = sim.fleet.clusters[0].tasks[0]
            let unknownID = String(repeating: "0", count: 32)
            let foreignARN = "arn:aws:ecs:us-east-1:123456789012:task/staging/\(task.id)"
            let answer = try await client.describeTasks(ECS.DescribeTasksRequest(
                cluster: "prod", tasks: [task.id, task.arn, unknownID, foreignARN], include: ["TAGS"]))
            #expect(answer.tasks?.map(\.taskArn) == [task.arn], "one task, once, whether named by id or ARN")
            #expect(answer.failures == [
                ECS.Failure(arn: "arn:aws:ecs:us-east-1:123456789012:task/prod/\(unknownID)", reason: "MISSING"),
                ECS.Failure(arn: foreignARN, reason: "MISSING"),
            ])
            let described = try #require(answer.tasks?.first)
            #expect(described.tags?.dictionary == ["env": "prod", "team": "web"])
            #expect(described.containers?.count == 2)
            #expect(described.containers?.map(\.name) == ["app", "log-router"])
            #expect(described.containers?[0].cpu == "896" && described.containers?[0].memory == "1792")
            #expect(described.containers?[0].managedAgent("ExecuteCommandAgent")?.lastStatus == "RUNNING")
            #expect(described.privateIPv4Address == task.eni?.privateIPv4Address)
            #expect(described.startedAt == task.startedAt)
            let untagged = try await client.describeTasks(ECS.DescribeTasksRequest(cluster: "prod", tasks: [task.arn], include: nil))
            #expect(untagged.tasks?.first?.tags == nil)
        }
    }

    @Test func rawTimestampsAreNumbersAndContainerSizesStrings() async throws {
        try await SimHarness.with(.demo) { sim in
            let task = sim.fleet.clusters[0].tasks[0]
            let answer = try await sim.call("DescribeTasks", ["cluster": "prod", "tasks": [task.arn]])
            let raw = try #require((answer["tasks"] as? [[String: Any]])?.first)
            #expect(raw["startedAt"] is Double && raw["createdAt"] is Double)
            let container = try #require((raw["containers"] as? [[String: Any]])?.first)
            #expect(container["cpu"] is String && container["memoryReservation"] is String)
            #expect((container["imageDigest"] as? String)?.hasPrefix("sha256:") == true)
        }
    }

    @Test func describeClustersServicesAndTaskDefinitions() async throws {
        try await SimHarness.with(.demo) { sim in
            let client = sim.client()
            let clusters = try await client.describeClusters(ECS.DescribeClustersRequest(clusters: ["payments", "nope"]))
            #expect(clusters.clusters?.map(\.clusterName) == ["payments"])
            #expect(clusters.clusters?.first?.tags?.dictionary == ["env": "prod", "compliance": "pci"])
            #expect(clusters.clusters?.first?.runningTasksCount == 2)
            #expect(clusters.failures == [ECS.Failure(arn: "arn:aws:ecs:us-east-1:123456789012:cluster/nope", reason: "MISSING")])
            let configured = try await sim.call("DescribeClusters", ["clusters": ["payments"], "include": ["CONFIGURATIONS"]])
            let configuration = ((configured["clusters"] as? [[String: Any]])?.first?["configuration"] as? [String: Any])?["executeCommandConfiguration"]
            #expect((configuration as? [String: Any])?["kmsKeyId"] as? String == sim.fleet.clusters[2].kmsKeyId)
            let typed = try await client.describeClusters(ECS.DescribeClustersRequest(clusters: ["payments", "prod"], include: ["CONFIGURATIONS"]))
            #expect(typed.clusters?.map { $0.configuration?.executeCommandConfiguration?.kmsKeyId } == [sim.fleet.clusters[2].kmsKeyId, nil])
            #expect(typed.clusters?.map { $0.configuration?.executeCommandConfiguration?.logging } == ["DEFAULT", "DEFAULT"])

            let services = try await sim.call("DescribeServices", ["cluster": "prod", "services": ["petclinic", "nope"], "include": ["TAGS"]])
            let service = try #require((services["services"] as? [[String: Any]])?.first)
            #expect(service["serviceName"] as? String == "petclinic" && service["runningCount"] as? Int == 3)
            #expect(service["enableExecuteCommand"] as? Bool == true)
            #expect((services["failures"] as? [[String: Any]])?.first?["arn"] as? String == "arn:aws:ecs:us-east-1:123456789012:service/prod/nope")

            let latest = try await client.describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(taskDefinition: "spring-petclinic"))
            #expect(latest.taskDefinition?.revision == 7)
            #expect(latest.taskDefinition?.containerDefinitions?.map(\.name) == ["app", "log-router"])
            #expect(latest.tags?.dictionary == ["app": "petclinic"])
            let byARN = try await client.describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(
                taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/nginx:12", include: nil))
            #expect(byARN.taskDefinition?.networkMode == "bridge" && byARN.tags == nil)
            #expect(byARN.taskDefinition?.taskRoleArn == "arn:aws:iam::123456789012:role/nginx-task")
            let roleless = try await client.describeTaskDefinition(ECS.DescribeTaskDefinitionRequest(taskDefinition: "nightly-report:3"))
            #expect(roleless.taskDefinition != nil && roleless.taskDefinition?.taskRoleArn == nil)
            let missing = try await sim.error("DescribeTaskDefinition", ["taskDefinition": "nginx:99"])
            #expect(missing.code == "ClientException" && missing.message == "Unable to describe task definition.")

            let tags = try await sim.call("ListTagsForResource", ["resourceArn": sim.fleet.clusters[0].tasks[0].arn])
            #expect((tags["tags"] as? [[String: String]])?.count == 2)
        }
    }

    @Test(arguments: [
        ("ListTasks", ["cluster": "nope"], "ClusterNotFoundException", "Cluster not found."),
        ("ListTasks", ["cluster": "prod", "maxResults": 0], "InvalidParameterException", "maxResults must be between 1 and 100, not 0."),
        ("ListClusters", ["maxResults": 101], "InvalidParameterException", "maxResults must be between 1 and 100, not 101."),
        ("ListTasks", ["cluster": "prod", "maxResults": "ten"], "SerializationException", "Unexpected value for 'maxResults': expected an integer."),
        ("ListTasks", ["cluster": "prod", "nextToken": "bm90IGEgdG9rZW4="], "InvalidParameterException", "Invalid nextToken: it does not belong to this listing."),
        ("ListTasks", ["cluster": "prod", "desiredStatus": "DONE"], "InvalidParameterException", "desiredStatus must be one of RUNNING, PENDING, STOPPED."),
        ("DescribeTasks", ["cluster": "prod", "tasks": [String]()], "InvalidParameterException", "Tasks cannot be empty."),
        ("DescribeTasks", ["cluster": "prod", "tasks": (0..<101).map { String($0) }], "InvalidParameterException", "taskIds can have at most 100 items."),
        ("DescribeServices", ["cluster": "prod", "services": (0..<11).map { String($0) }], "InvalidParameterException", "services can have at most 10 items."),
        ("CreateCluster", [:], "UnknownOperationException", ""),
    ] as [(String, [String: any Sendable], String, String)])
    func errorsHaveECSCodesAndWords(action: String, body: [String: any Sendable], code: String, message: String) async throws {
        try await SimHarness.with(.demo) { sim in
            let error = try await sim.error(action, body)
            #expect(error.code == code)
            #expect(error.message == message)
            #expect(error.status == 400)
            #expect(error.requestID?.count == 36)
        }
    }

    @Test func tamperedAndForeignTokensAreRefused() async throws {
        try await SimHarness.with(Self.paged) { sim in
            let client = sim.client()
            let page = try await client.listTasks(ECS.ListTasksRequest(cluster: sim.fleet.clusters[0].name, maxResults: 10))
            let token = try #require(page.nextToken)
            var bytes = try #require(Data(base64Encoded: token))
            bytes[3] ^= 0x01
            let tampered = bytes.base64EncodedString()
            for (cluster, candidate) in [(sim.fleet.clusters[0].name, tampered), (sim.fleet.clusters[1].name, token)] {
                let error = try await #require(throws: AWSError.self) {
                    try await client.listTasks(ECS.ListTasksRequest(cluster: cluster, maxResults: 10, nextToken: candidate))
                }
                #expect(error.code == "InvalidParameterException")
            }
            let otherFilter = try await #require(throws: AWSError.self) {
                try await client.listTasks(ECS.ListTasksRequest(cluster: sim.fleet.clusters[0].name, launchType: .fargate, nextToken: token))
            }
            #expect(otherFilter.code == "InvalidParameterException")
            // The same listing with another page size is fine.
            let next = try await client.listTasks(ECS.ListTasksRequest(cluster: sim.fleet.clusters[0].name, maxResults: 5, nextToken: token))
            #expect(next.items == sim.fleet.clusters[0].tasks[10..<15].map(\.arn))
        }
    }

    @Test func badJSONIsASerializationException() async throws {
        try await SimHarness.with(.demo) { sim in
            let error = try await #require(throws: AWSError.self) {
                try await sim.client().send(action: "ListClusters", body: Array("{not json".utf8))
            }
            #expect(error.code == "SerializationException")
            let array = try await #require(throws: AWSError.self) {
                try await sim.client().send(action: "ListClusters", body: Array("[]".utf8))
            }
            #expect(array.code == "SerializationException")
        }
    }
}
