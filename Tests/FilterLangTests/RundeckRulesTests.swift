import Testing
import NodeModel
@testable import FilterLang

/// Rules of ../shared/design/rundeck-compat.md §1 written down as cases of our own, beside the
/// transcribed Rundeck assertions: the quirks a port most easily gets wrong.
struct RundeckRulesTests {
    @Test(arguments: [
        (#"'web 1'x"#, ["web 1x"]),
        (#""ab"'cd'"#, ["ab'cd'"]),
        (#"name:"web 1""#, [#"name:"web"#, #"1""#]),
        (#""unterminated rest"#, ["unterminated rest"]),
        ("  ", [""]),
        (" ", []),
        ("a\u{1}b", ["a", "b"]),
        ("tags: a, b", ["tags:", "a,", "b"]),
    ])
    func tokenizes(input: String, tokens: [String]) {
        #expect(RundeckTokenizer.burst(input) == tokens)
    }

    @Test(arguments: [
        ("ECS:Container-Image: spring.*", ["ECS:Container-Image": "spring.*"], [String: String]()),
        ("ECS:Container-Image:spring.*", ["ECS": "Container-Image:spring.*"], [:]),
        ("'ECS:Container-Image: spring.*'", ["ECS": "Container-Image: spring.*"], [:]),
        (#""ECS:Container-Image:" 'spring.*'"#, ["ECS:Container-Image": "spring.*"], [:]),
        ("ECS:Container-Image: nginx:latest", ["ECS:Container-Image": "nginx:latest"], [:]),
        ("tags: name: x", ["tags": "name:", "name": "x"], [:]),
        ("tags: a, b", ["tags": "a,", "name": "b"], [:]),
        ("!web1", ["name": "!web1"], [:]),
        ("!!tags: x", [:], ["!tags": "x"]),
        ("tags:", [:], [:]),
        ("web1 web2 name: x", ["name": "web1,web2,x"], [:]),
        ("  ", ["name": ""], [:]),
    ])
    func parses(filter: String, include: [String: String], exclude: [String: String]) {
        let parsed = RundeckFilter(parsing: filter)
        #expect(parsed.includeMap == include)
        #expect(parsed.excludeMap == exclude)
    }

    static let nodes = [
        Node(name: "web1", attributes: ["hostname": "h1", "role": "api"], tags: ["web", "prod"]),
        Node(name: "web2", attributes: ["hostname": "h2", "role": " "], tags: ["web"]),
        Node(name: "db1", attributes: ["hostname": "h3"], tags: []),
    ]

    @Test(arguments: [
        ("web.*,db1", ["db1"]),
        ("name: 'web1, web2'", ["web1"]),       // items are untrimmed: " web2" is not "web2"
        ("name: web.*|db1", ["web1", "web2", "db1"]),
        (".*", ["web1", "web2", "db1"]),
        ("", []),
        ("  ", []),
        ("role: .*", ["web1"]),
        ("!role: api", ["web2", "db1"]),
        ("!tags: prod !hostname: h1", ["web2", "db1"]),
        ("!tags: prod !hostname: h2", ["web1", "web2", "db1"]),
        ("tags: web+", ["web1", "web2"]),
        ("tags: +web", []),
        ("tags: ,", []),
        ("tags: +", ["web1", "web2"]),
        ("tags: prod+web,nothing", ["web1"]),
        ("tags: ' web '", ["web1", "web2"]),     // a single tag selector is trimmed for the regex
        ("tags: ' web ,'", ["web1", "web2"]),
        ("name: //", []),
        ("role: ''", []),
        ("!role: ''", ["web1", "web2", "db1"]),
        ("!name: ''", []),
        ("name: /web1|db1/", ["web1", "db1"]),
        ("name: WEB1", []),
        ("name: (?i)WEB1", ["web1"]),
        ("nodename: db1", ["db1"]),
        ("hostname: h1 !name: web1", []),
    ])
    func selects(filter: String, expected: [String]) throws {
        #expect(try Filter(rundeck: filter).select(Self.nodes).nodes.map(\.name) == expected)
        // The columnar evaluation agrees with the one-node-at-a-time one.
        let table = NodeTable(Self.nodes)
        #expect(try Filter(rundeck: filter).select(in: table).rows.rows.map { table.names[$0] } == expected)
    }

    @Test func excludePrecedenceFalseKeepsNodesMatchingNeitherSide() throws {
        let filter = try Filter(rundeck: "hostname: h1 !hostname: h2", excludePrecedence: false)
        #expect(filter.select(Self.nodes).nodes.map(\.name) == ["web1", "db1"])
    }

    @Test func badSlashRegexIsAnErrorAtItsColumn() {
        #expect(throws: FilterSyntaxError(kind: .invalidRegex("unclosed character class"), range: 13..<14)) {
            try Filter(rundeck: "tags: a+/web[/")
        }
    }
}
