import NodeModel
import Testing

/// The resourceyaml rules of rundeck-compat.md §3, one test each.
struct ResourceYAMLTests {
    @Test func mapFormKeyAlwaysNamesTheNode() throws {
        let nodes = try ResourceYAML.decode("""
            web1:
              nodename: other
              hostname: 10.0.0.1
            """)
        #expect(nodes == [Node(name: "web1", attributes: ["hostname": "10.0.0.1"])])
    }

    @Test func sequenceFormEntriesNameThemselves() throws {
        let nodes = try ResourceYAML.decode("""
            - nodename: a
              hostname: h
            - {nodename: b}
            """)
        #expect(nodes == [Node(name: "a", attributes: ["hostname": "h"]), Node(name: "b")])
    }

    @Test func aSequenceEntryWithoutNodenameIsAnError() {
        let error = yamlError("- nodename: a\n- hostname: h\n")
        #expect(error?.kind == .missingNodename)
        #expect(lineColumn(error) == [2, 3])
    }

    @Test(arguments: ["web1:\n", "web1: ~\n", "web1: text\n", "web1: [a, b]\n"])
    func aMapEntryThatIsNullOrNotAMapIsAnError(text: String) {
        let error = yamlError(text)
        #expect(error?.kind == .entryNotAMap(name: "web1"))
        #expect(error?.position?.line == 1)
    }

    @Test func aSequenceEntryThatIsNotAMapIsAnError() {
        #expect(yamlError("- nodename: a\n- just text\n")?.kind == .entryNotAMap(name: nil))
    }

    @Test func everyDocumentCounts() throws {
        let nodes = try ResourceYAML.decode("""
            ---
            a: {}
            --- just a scalar
            ---
            - nodename: b
            ...
            ---
            c:
              x: "1"
            """)
        #expect(nodes == [Node(name: "a"), Node(name: "b"), Node(name: "c", attributes: ["x": "1"])])
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "{}", "[]"])
    func emptyDocumentsHaveNoNodes(text: String) throws {
        #expect(try ResourceYAML.decode(text).isEmpty)
    }

    @Test(arguments: [
        ("tags: ' a , b,,c , '", ["a", "b", "c"]),
        ("tags: web", ["web"]),
        ("tags: '  '", []),
        ("tags: ''", []),
        ("tags: [' a ', '', b, null, 1, yes, [x, y]]", ["1", "[x, y]", "a", "b", "true"]),
        ("tags: 123", ["123"]),
        ("tags: yes", ["true"]),
        ("tags: 0x1F", ["31"]),
        ("tags: {k: v}", ["{k=v}"]),
        ("tags: ~", []),
        ("tags:", []),
    ])
    func tags(line: String, expected: [String]) throws {
        let nodes = try ResourceYAML.decode("n:\n  \(line)\n")
        #expect(nodes.first?.tags == expected.sorted())
    }

    @Test(arguments: [
        ("1", "1"), ("-17", "-17"), ("+5", "5"), ("1_000", "1000"), ("0", "0"), ("-0", "0"),
        ("0x1F", "31"), ("-0x10", "-16"), ("017", "15"), ("0b101", "5"), ("1:30", "90"), ("190:20:30", "685230"),
        ("99999999999999999999", "99999999999999999999"),
        ("true", "true"), ("yes", "true"), ("On", "true"), ("TRUE", "true"),
        ("false", "false"), ("no", "false"), ("OFF", "false"), ("N", "N"), ("y", "y"),
        ("1.50", "1.50"), ("1e3", "1e3"), (".inf", ".inf"), ("08", "08"), ("2024-01-02", "2024-01-02"),
        ("'yes'", "yes"), ("\"123\"", "123"), ("!!str yes", "yes"), ("!!str 0x1F", "0x1F"),
        ("plain text: no", nil), ("a b  c", "a b  c"), ("|\n    block\n", "block\n"),
    ] as [(String, String?)])
    func scalarsBecomeTheTextJavaPrints(yaml: String, expected: String?) throws {
        guard let expected else {
            #expect(yamlError("n:\n  x: \(yaml)\n")?.kind
                == .yamlSyntax("mapping values are not allowed in this context"))
            return
        }
        let nodes = try ResourceYAML.decode("n:\n  x: \(yaml)\n")
        #expect(nodes.first?.attributes["x"] == expected)
    }

    @Test(arguments: ["~", "null", "Null", "NULL", ""])
    func nullsAreSkipped(yaml: String) throws {
        let nodes = try ResourceYAML.decode("n:\n  x: \(yaml)\n  y: kept\n")
        #expect(nodes == [Node(name: "n", attributes: ["y": "kept"])])
    }

    @Test func nestedValuesBecomeJavaText() throws {
        let nodes = try ResourceYAML.decode("""
            n:
              m: {a: 1, b: [x, yes, ~], c: {}}
              s:
                - 1
                - 'two'
              e: []
            """)
        #expect(nodes.first?.attributes == ["m": "{a=1, b=[x, true, null], c={}}", "s": "[1, two]", "e": "[]"])
    }

    @Test func keysRundeckIgnoresAreDropped() throws {
        let nodes = try ResourceYAML.decode("n: {name: x, attributes: y, frameworkProject: z, class: w, hostname: h}\n")
        #expect(nodes == [Node(name: "n", attributes: ["hostname": "h"])])
    }

    @Test func keysAreTakenAsWritten() throws {
        let nodes = try ResourceYAML.decode("123:\n  yes: 1\n  ECS:Container-Image: nginx\n  \"quoted key\": v\n")
        let attributes = ["yes": "1", "ECS:Container-Image": "nginx", "quoted key": "v"]
        #expect(nodes == [Node(name: "123", attributes: attributes)])
    }

    @Test func nodenamesInSequencesAreScalarsLikeAnyOther() throws {
        #expect(try ResourceYAML.decode("- nodename: 0x10\n- nodename: on\n").map(\.name) == ["16", "true"])
    }

    @Test func mergeKeysApplyWithOwnKeysWinning() throws {
        let nodes = try ResourceYAML.decode("""
            defaults: &defaults
              username: root
              osFamily: unix
            more: &more
              osFamily: windows
              region: eu
            web1:
              <<: [*defaults, *more]
              username: admin
            """)
        #expect(nodes.last == Node(name: "web1", attributes: ["username": "admin", "osFamily": "unix", "region": "eu"]))
    }

    @Test func aLaterNodeWithTheSameNameReplacesTheEarlierInPlace() throws {
        let nodes = try ResourceYAML.decode("a: {x: '1'}\nb: {}\n---\na: {x: '2'}\n")
        #expect(nodes == [Node(name: "a", attributes: ["x": "2"]), Node(name: "b")])
    }

    @Test func syntaxErrorsCarryLibyamlsMessageAndPosition() {
        let error = yamlError("a:\n  b: [1, 2\n  c: d\n")
        guard case .yamlSyntax(let message)? = error?.kind else {
            Issue.record("expected a YAML syntax error, got \(String(describing: error))")
            return
        }
        #expect(message == "did not find expected ',' or ']'")
        #expect(lineColumn(error) == [3, 4])
        #expect(error?.description == "-:3:4: did not find expected ',' or ']'")
    }

    @Test func duplicateKeysAreAnError() {
        let error = yamlError("a:\n  x: 1\n  x: 2\n")
        #expect(error?.kind == .yamlSyntax("duplicate key 'x'"))
        #expect(error?.position?.line == 2)
    }

    @Test func aliasBombsAreRefused() {
        var text = "n:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "  a\(level): &a\(level) [\(aliases)]\n"
        }
        let error = yamlError(text)
        #expect(error?.kind == .valueTooLarge)
        #expect(error?.position?.line == 7)
    }
}
