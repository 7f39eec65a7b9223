import AWSCore
import Foundation
import Testing
@testable import NodeSource

/// The source filters: what ListTasks is asked to filter, and what is dropped client-side.
struct TaskFilterTests {
    static func task(service: String? = nil, family: String = "web", launchType: ECS.LaunchType = .fargate,
                     tags: [String: String] = [:]) -> ECS.Task {
        ECS.Task(taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/\(family):3",
                 group: service.map { "service:\($0)" } ?? "family:\(family)", launchType: launchType,
                 tags: tags.map { ECS.Tag(key: $0.key, value: $0.value) })
    }

    static func filter(_ configure: (inout NodeSourceOptions) -> Void) -> TaskFilter {
        var options = NodeSourceOptions(regions: ["us-east-1"])
        configure(&options)
        return TaskFilter(options)
    }

    @Test func listTasksFiltersOnASingleServiceOrFamily() {
        let plain = Self.filter { _ in }.listTasksRequest(cluster: "prod")
        #expect(plain == ECS.ListTasksRequest(cluster: "prod", desiredStatus: .running, maxResults: 100))
        let one = Self.filter { $0.services = ["web"]; $0.taskDefinitionFamilies = ["web"]; $0.launchType = "fargate" }
        #expect(one.listTasksRequest(cluster: "prod") == ECS.ListTasksRequest(
            cluster: "prod", serviceName: "web", desiredStatus: .running, launchType: .fargate, maxResults: 100))
        let two = Self.filter { $0.services = ["web", "api"]; $0.taskDefinitionFamilies = ["web"]; $0.desiredStatus = "stopped" }
        #expect(two.listTasksRequest(cluster: "prod") == ECS.ListTasksRequest(
            cluster: "prod", family: "web", desiredStatus: .stopped, maxResults: 100))
    }

    @Test func servicesIncludeAndExclude() {
        let include = Self.filter { $0.services = ["web", "arn:aws:ecs:us-east-1:123456789012:service/prod/api"] }
        #expect(include.selects(Self.task(service: "web")) && include.selects(Self.task(service: "api")))
        #expect(!include.selects(Self.task(service: "worker")) && !include.selects(Self.task()))
        let exclude = Self.filter { $0.excludedServices = ["web"] }
        #expect(!exclude.selects(Self.task(service: "web")))
        #expect(exclude.selects(Self.task(service: "api")) && exclude.selects(Self.task()))
    }

    @Test func familiesAndLaunchType() {
        let filter = Self.filter { $0.taskDefinitionFamilies = ["web", "api"]; $0.excludedTaskDefinitionFamilies = ["api"]; $0.launchType = "EC2" }
        #expect(filter.selects(Self.task(family: "web", launchType: .ec2)))
        #expect(!filter.selects(Self.task(family: "web", launchType: .fargate)))
        #expect(!filter.selects(Self.task(family: "api", launchType: .ec2)))
        #expect(!filter.selects(Self.task(family: "batch", launchType: .ec2)))
    }

    @Test func tagsMustMatchOneValuePerKey() {
        let filter = Self.filter { $0.tags = ["env=prod", "env=staging", "team"] }
        #expect(filter.selects(Self.task(tags: ["env": "prod", "team": "a"])))
        #expect(filter.selects(Self.task(tags: ["env": "staging", "team": ""])))
        #expect(!filter.selects(Self.task(tags: ["env": "dev", "team": "a"])))
        #expect(!filter.selects(Self.task(tags: ["env": "prod"])))
        #expect(!filter.selects(Self.task()))
    }

    @Test func excludedTagsDropOnAnyMatch() {
        let filter = Self.filter { $0.excludedTags = ["env=dev", "temporary", "note=a=b"] }
        #expect(filter.selects(Self.task(tags: ["env": "prod"])) && filter.selects(Self.task()))
        #expect(!filter.selects(Self.task(tags: ["env": "dev"])))
        #expect(!filter.selects(Self.task(tags: ["temporary": "no"])))
        #expect(!filter.selects(Self.task(tags: ["note": "a=b"])) && filter.selects(Self.task(tags: ["note": "a"])))
    }

    @Test func containerNames() {
        let filter = Self.filter { $0.containerNames = ["app", "nginx"]; $0.excludedContainerNames = ["nginx"] }
        #expect(filter.selects(ECS.Container(name: "app")))
        #expect(!filter.selects(ECS.Container(name: "nginx")) && !filter.selects(ECS.Container(name: "envoy")))
    }

    @Test func optionsAreCodableAndHashable() throws {
        let options = NodeSourceOptions(clusters: ["prod"], regions: ["eu-west-1"], launchType: "FARGATE",
                                        services: ["web"], tags: ["env=prod"], assumeRoleARN: "arn:aws:iam::1:role/r")
        let decoded = try JSONDecoder().decode(NodeSourceOptions.self, from: JSONEncoder().encode(options))
        #expect(decoded == options && decoded.hashValue == options.hashValue)
        #expect(NodeSourceOptions(regions: ["eu-west-1"]).concurrency == 8)
        #expect(NodeSourceOptions(regions: ["eu-west-1"]).desiredStatus == "RUNNING")
    }
}
