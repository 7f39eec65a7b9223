import NodeModel
import Testing

/// The generators' exact output.
struct ResourceEncodingTests {
    private let nodes = [
        Node(name: "web2", attributes: ["b": "x\"y\\z\n\u{1}", "a": "1", "ECS:Container-Image": "nginx"],
             tags: ["t2", "t1"]),
        Node(name: "web1"),
    ]

    @Test func jsonIsSortedIndentedAndKeyedByName() {
        #expect(ResourceJSON.encode(nodes) == #"""
            {
              "web1": {
                "nodename": "web1",
                "tags": ""
              },
              "web2": {
                "ECS:Container-Image": "nginx",
                "a": "1",
                "b": "x\"y\\z\n\u0001",
                "nodename": "web2",
                "tags": "t1, t2"
              }
            }

            """#)
    }

    @Test func yamlIsSortedBlockStyleWithQuotedValues() {
        #expect(ResourceYAML.encode(nodes) == #"""
            web1:
              nodename: "web1"
              tags: ""
            web2:
              ECS:Container-Image: "nginx"
              a: "1"
              b: "x\"y\\z\n\x01"
              nodename: "web2"
              tags: "t1, t2"

            """#)
    }

    @Test func yamlQuotesKeysThatWouldNotReadBackAsTheSameString() {
        let attributes = ["123": "", "": "e", "a b": "c", "ok_key.x-y/z": "d", "x:": "f"]
        let text = ResourceYAML.encode([Node(name: "yes", attributes: attributes)])
        #expect(text == #"""
            "yes":
              "": "e"
              "123": ""
              "a b": "c"
              nodename: "yes"
              ok_key.x-y/z: "d"
              tags: ""
              "x:": "f"

            """#)
    }

    @Test func yamlEscapesCharactersThatYAMLWouldFoldOrReject() {
        let node = Node(name: "n", attributes: ["v": "\u{85}\u{2028}\u{2029}\u{7F}\u{9F}\u{FEFF}\t\r\u{A0}é😀"])
        #expect(ResourceYAML.encode([node]).contains(#"v: "\N\L\P\x7F\x9F\uFEFF\t\r"# + "\u{A0}é😀\"\n"))
    }

    @Test func noNodesIsAnEmptyMap() {
        #expect(ResourceJSON.encode([]) == "{}\n")
        #expect(ResourceYAML.encode([]) == "{}\n")
    }

    @Test func theLastOfTwoNodesWithTheSameNameIsWritten() throws {
        let nodes = [Node(name: "a", attributes: ["x": "1"]), Node(name: "a", attributes: ["x": "2"])]
        #expect(try decodeJSON(ResourceJSON.encode(nodes)) == [nodes[1]])
        #expect(try ResourceYAML.decode(ResourceYAML.encode(nodes)) == [nodes[1]])
    }
}
