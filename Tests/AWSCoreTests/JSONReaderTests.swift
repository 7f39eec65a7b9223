import Foundation
import Testing
@testable import AWSCore

/// The streaming reader of DescribeTasks answers against Foundation's JSONDecoder, which
/// stays the reference: on every well-typed answer both must give the same models.
struct JSONReaderTests {
    /// A random DescribeTasks answer as JSON objects: every field of the model, some absent,
    /// some null, strings with escapes and non-ASCII text, unknown members in between.
    static func randomAnswer(_ random: inout SystemRandomNumberGenerator, tasks: Int) -> [String: Any] {
        func text() -> String {
            let pieces = ["prod", "é", "\"q\"", "back\\slash", "tab\t", "line\n", "😀", "/slash", "\u{1}", "arn:aws:ecs:eu-west-1:1:x/y"]
            return (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        func maybe(_ value: @autoclosure () -> Any) -> Any? {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: nil
            case 1: NSNull()
            default: value()
            }
        }
        func object(_ fields: [String: Any?]) -> [String: Any] {
            var object = fields.compactMapValues { $0 }
            if Bool.random(using: &random) { object["someFutureMember"] = ["nested": [1, "two", ["three": NSNull()]], "x": true] }
            return object
        }
        func container() -> [String: Any] {
            object([
                "containerArn": maybe(text()), "taskArn": maybe(text()), "name": maybe(text()), "image": maybe(text()),
                "imageDigest": maybe(text()), "runtimeId": maybe(text()), "lastStatus": maybe(text()), "exitCode": maybe(Int.random(in: -5...255, using: &random)),
                "reason": maybe(text()), "healthStatus": maybe(text()), "cpu": maybe(String(Int.random(in: 0...4096, using: &random))),
                "memory": maybe(String(Int.random(in: 0...8192, using: &random))), "memoryReservation": maybe("512"),
                "gpuIds": maybe([text(), text()]),
                "networkBindings": maybe([object(["bindIP": maybe(text()), "containerPort": maybe(80), "hostPort": maybe(8080), "protocol": maybe("tcp")])]),
                "networkInterfaces": maybe([object(["attachmentId": maybe(text()), "privateIpv4Address": maybe("10.0.0.1"), "ipv6Address": maybe(text())])]),
                "managedAgents": maybe([object(["name": maybe("ExecuteCommandAgent"), "lastStatus": maybe("RUNNING"), "lastStartedAt": maybe(1_700_000_000.25), "reason": maybe(text())])]),
            ])
        }
        func task() -> [String: Any] {
            var fields: [String: Any?] = [
                "taskArn": maybe(text()), "clusterArn": maybe(text()), "taskDefinitionArn": maybe(text()), "containerInstanceArn": maybe(text()),
                "group": maybe(text()), "startedBy": maybe(text()), "launchType": maybe(["EC2", "FARGATE", "EXTERNAL"].randomElement(using: &random)!),
                "capacityProviderName": maybe(text()), "platformVersion": maybe("1.4.0"), "platformFamily": maybe(text()),
                "availabilityZone": maybe(text()), "lastStatus": maybe("RUNNING"), "desiredStatus": maybe("RUNNING"), "healthStatus": maybe(text()),
                "connectivity": maybe("CONNECTED"), "cpu": maybe("256"), "memory": maybe("512"), "enableExecuteCommand": maybe(Bool.random(using: &random)),
                "stopCode": maybe(text()), "stoppedReason": maybe(text()), "version": maybe(Int.random(in: 0...9, using: &random)),
                "tags": maybe([object(["key": maybe(text()), "value": maybe(text())])]),
                "attachments": maybe([object(["id": maybe(text()), "type": maybe("ElasticNetworkInterface"), "status": maybe("ATTACHED"),
                                              "details": maybe([object(["name": maybe("privateIPv4Address"), "value": maybe("10.1.2.3")])])])]),
                "containers": maybe((0..<Int.random(in: 0...3, using: &random)).map { _ in container() }),
            ]
            for time in ["createdAt", "connectivityAt", "pullStartedAt", "pullStoppedAt", "startedAt", "stoppingAt", "stoppedAt", "executionStoppedAt"] {
                fields[time] = maybe(Double(Int.random(in: 1_600_000_000...1_800_000_000, using: &random)) + [0, 0.5, 0.125].randomElement(using: &random)!)
            }
            return object(fields)
        }
        return ["tasks": (0..<tasks).map { _ in task() }, "failures": [["arn": text(), "reason": "MISSING", "detail": NSNull()]]]
    }

    @Test func readsWhatJSONDecoderReads() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let answer = Self.randomAnswer(&random, tasks: round % 7)
            let bytes = Array(try JSONSerialization.data(withJSONObject: answer, options: round % 2 == 0 ? [.prettyPrinted] : []))
            let expected = try JSONDecoder().decode(ECS.DescribeTasksResponse.self, from: Data(bytes))
            let read = try ECS.DescribeTasksResponse.read(from: bytes)
            #expect(read == expected, "round \(round): \(String(decoding: bytes, as: UTF8.self).prefix(400))")
        }
    }

    @Test func numbersWhereTheModelHasStringsAreTheirText() throws {
        // moto sends container cpu and memory as numbers.
        let answer = try ECS.DescribeTasksResponse.read(from: Array(#"{"tasks":[{"containers":[{"cpu":256,"memory":0.5,"exitCode":"3"}],"cpu":1024}]}"#.utf8))
        let container = try #require(answer.tasks?.first?.containers?.first)
        #expect(container.cpu == "256" && container.memory == "0.5" && container.exitCode == 3 && answer.tasks?.first?.cpu == "1024")
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let answer = try ECS.DescribeTasksResponse.read(from: Array(#"{"tasks":[{"group":"a\"b\\c\/d\u00e9\ud83d\ude00\n"}]}"#.utf8))
        #expect(answer.tasks?.first?.group == "a\"b\\c/dé😀\n")
    }

    @Test(arguments: [
        (#"{"tasks":[{"group":"x"}"#, "the JSON text ends inside a value"),
        (#"{"tasks":[{"group":"x"]}"#, "expected ',' or '}' at byte 22"),
        (#"{"tasks":[{"group":tru}]}"#, "expected 'true' at byte 22"),
        (#"{"tasks":[],"x":01}"#, "expected ',' or '}' at byte 17"),
        (#"{"tasks":[]} x"#, "expected the end of the text at byte 13"),
        ("{\"tasks\":[{\"group\":\"a\u{1}\"}]}", "expected a character (control characters must be escaped) at byte 21"),
    ])
    func malformedTextIsAPositionedError(text: String, message: String) {
        #expect(throws: JSONReaderError.self) { _ = try ECS.DescribeTasksResponse.read(from: Array(text.utf8)) }
        do {
            _ = try ECS.DescribeTasksResponse.read(from: Array(text.utf8))
        } catch {
            #expect(error.description == message)
        }
    }
}
