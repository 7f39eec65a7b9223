import Foundation
import Testing
import NodeModel

/// `ecsnodes nodes --from …` and `ecsnodes filter explain`, run as a process.
struct NodesCommandTests {
    static let fleet = "examples/fleet.json"

    /// The spring containers of the sample fleet, worked out here without ecsnodes' filter code.
    static func springNodes() throws -> [String] {
        let data = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent(fleet))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: [String: String]]
        return object.filter { $0.value["ECS:Container-Image"]!.contains("spring") }.map(\.key).sorted()
    }

    @Test func readmeExamplePrintsTheSpringContainers() throws {
        let result = try CLI.run(["nodes", "--from", Self.fleet, "-F", "ECS:Container-Image: .*spring.*", "-o", "names"])
        #expect(result.status == 0)
        let expected = try Self.springNodes()
        #expect(expected.count >= 4)
        #expect(result.stdout == expected.map { $0 + "\n" }.joined())
    }

    @Test func attributeIsSetOnEveryNodeAfterTheFilter() throws {
        let result = try CLI.run(["nodes", "--from", Self.fleet, "-F", "ECS:Container-Image: .*spring.*", "-o", "json",
                                  "--attribute", "node-executor=ecsnodes-exec", "--attribute", "note=a=b", "--attribute", "tags=x"])
        #expect(result.status == 0, "\(result.stderr)")
        let nodes = try ResourceJSON.decode(Array(result.stdout.utf8))
        #expect(nodes.map(\.name).sorted() == (try Self.springNodes()))
        #expect(nodes.allSatisfy { $0[attribute: "node-executor"] == "ecsnodes-exec" && $0[attribute: "note"] == "a=b" && !$0.tags.contains("x") })
        // The filter does not see what --attribute sets.
        let none = try CLI.run(["nodes", "--from", Self.fleet, "-F", "node-executor: ecsnodes-exec", "--attribute", "node-executor=ecsnodes-exec", "-o", "names"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        #expect(try CLI.run(["nodes", "--from", Self.fleet, "--attribute", "=x"]).status == 64)
        #expect(try CLI.run(["nodes", "--from", Self.fleet, "--attribute", "novalue"]).status == 64)
    }

    @Test func execRawNeedsExactlyOneNode() throws {
        let result = try CLI.run(["exec", "--from", Self.fleet, "-F", "ECS:Container-Image: .*spring.*", "--raw", "--", "true"])
        #expect(result.status == 64 && result.stderr.contains("exactly one node"), "\(result.stderr)")
        #expect(try CLI.run(["exec", "--from", Self.fleet, "-F", ".*", "--raw", "--group", "--", "true"]).status == 64)
    }

    @Test func excludeAndPrecedence() throws {
        let filter = "ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2"
        let strict = try CLI.run(["nodes", "--from", Self.fleet, "-F", filter, "-o", "names"]).stdout.split(separator: "\n")
        let loose = try CLI.run(["nodes", "--from", Self.fleet, "-F", filter, "--exclude-precedence", "false", "-o", "names"]).stdout.split(separator: "\n")
        #expect(strict.count == (try Self.springNodes()).count - 1)
        #expect(!strict.contains { $0.hasPrefix("orders-") })
        // Without exclude precedence, every node that is not EC2 is kept too.
        #expect(loose.count > strict.count && loose.contains { $0.hasPrefix("orders-") })
    }

    @Test func badFilterShowsCaretAndExitsWithTwo() throws {
        let result = try CLI.run(["nodes", "--from", Self.fleet, "-F", "name: /web(/"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            error: invalid regular expression: missing closing parenthesis
              name: /web(/
                         ^
            hint: regexes use Java's syntax; escape special characters with '\\' (in -F, a selector without the /…/ slashes falls back to plain equality)

            """)
        let grouped = try CLI.run(["nodes", "--from", Self.fleet, "--where", "ECS:CPU >= 512 and (tags = web"])
        #expect(grouped.status == 2)
        #expect(grouped.stderr.contains("                     ^\n"))
    }

    @Test func brokenFileNamesFileAndPosition() throws {
        let result = try CLI.run(["nodes", "--from", "-", "-o", "names"], stdin: "{\n  \"a\": {\"x\": \"1\",}\n}\n")
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("error: <stdin>:2:"))
        let missing = try CLI.run(["nodes", "--from", "no/such/file.json"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no/such/file.json"))
    }

    @Test(arguments: ["json", "yaml"])
    func outputReadsBackIdentically(format: String) throws {
        let first = try CLI.run(["nodes", "--from", Self.fleet, "-o", format])
        #expect(first.status == 0)
        let second = try CLI.run(["nodes", "--from", "-", "-o", format], stdin: first.stdout)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        let original = try ResourceJSON.decode(Array(try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent(Self.fleet))))
        let decoded = format == "json" ? try ResourceJSON.decode(Array(first.stdout.utf8)) : try ResourceYAML.decode(first.stdout)
        #expect(decoded.sorted { $0.name < $1.name } == original.sorted { $0.name < $1.name })
    }

    @Test func emptyFilterSelectsNothingWithANote() throws {
        let result = try CLI.run(["nodes", "--from", Self.fleet, "-F", "", "-o", "names"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("selects no nodes"))
        let all = try CLI.run(["nodes", "--from", Self.fleet, "-F", ".*", "-o", "names"])
        #expect(all.stdout.split(separator: "\n").count == 30)
    }

    @Test func tableHasRequestedColumns() throws {
        let result = try CLI.run(["nodes", "--from", Self.fleet, "-W", "ECS:Container-Name = orders", "--columns", "name,ECS:CPU,ECS:Tag:team"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("name") && lines[0].contains("ECS:CPU") && lines[0].hasSuffix("ECS:Tag:team"))
        #expect(lines[1].hasPrefix("orders-"))
    }

    @Test func explainPrintsTreeAndJSON() throws {
        let text = try CLI.run(["filter", "explain", "tags: web+prod !name: canary.*"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("include: tags = web+prod"))
        #expect(text.stdout.contains("exclude: name = canary.*"))
        let json = try CLI.run(["filter", "explain", "--where", "ECS:CPU >= 512 or tags = web", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((object["tree"] as! [String: Any])["op"] as? String == "or")
    }
}

/// Pathological regexes and awkward input through the CLI.
struct NodesCommandEdgeTests {
    @Test func catastrophicRegexIsCutOffAndReported() throws {
        let name = String(repeating: "a", count: 40) + "!"
        let input = "{\"\(name)\": {\"x\": \"1\"}, \"ok\": {\"x\": \"1\"}}"
        let clock = ContinuousClock()
        var result: CLI.Result?
        let elapsed = try clock.measure { result = try CLI.run(["nodes", "--from", "-", "-W", "name ~ (a|aa)+[bc] or name = ok", "-o", "names"], stdin: input) }
        #expect(result?.status == 0)
        #expect(result?.stdout == "ok\n")
        #expect(result?.stderr.contains("warning: 1 regex match hit PCRE2's backtracking limit") == true)
        #expect(elapsed < .seconds(20))
    }

    @Test func yamlInputAndArrayFormJSONAreRead() throws {
        let yaml = try CLI.run(["nodes", "--from", "-", "-F", "tags: web", "-o", "names"],
                               stdin: "web-1:\n  tags: 'web, prod'\n  ECS:CPU: 512\ndb-1:\n  tags: db\n")
        #expect(yaml.stdout == "web-1\n")
        let array = try CLI.run(["nodes", "--from", "-", "-W", "ECS:CPU >= 512", "-o", "names"],
                                stdin: #"[{"nodename": "a", "ECS:CPU": "1024"}, {"nodename": "b", "ECS:CPU": 256}, {"ECS:CPU": "4096"}]"#)
        #expect(array.stdout == "a\n")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try CLI.run(["nodes", "--from", "examples/fleet.json", "--no-such-option"])
        #expect(result.status == 64)
    }
}
