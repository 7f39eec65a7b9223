import NodeModel
import Testing

/// The resourcejson rules of rundeck-compat.md §3, one test each.
struct ResourceJSONTests {
    @Test func mapFormKeyNamesTheNode() throws {
        let nodes = try decodeJSON(#"{"web1": {"hostname": "10.0.0.1", "username": "root"}}"#)
        #expect(nodes == [Node(name: "web1", attributes: ["hostname": "10.0.0.1", "username": "root"])])
    }

    @Test func entryNodenameOverridesTheMapKey() throws {
        let nodes = try decodeJSON(#"{"use-nodename-attribute": {"nodename": "test2", "hostname": "h"}}"#)
        #expect(nodes == [Node(name: "test2", attributes: ["hostname": "h"])])
    }

    @Test func arrayFormSkipsEntriesWithoutNodename() throws {
        let nodes = try decodeJSON(#"[{"nodename": "a"}, {"hostname": "x"}, {"nodename": "b", "hostname": "y"}]"#)
        #expect(nodes == [Node(name: "a"), Node(name: "b", attributes: ["hostname": "y"])])
    }

    @Test func entriesThatAreNotObjectsAreSkipped() throws {
        #expect(try decodeJSON(#"{"a": "x", "b": {}, "c": [1], "d": null, "e": 2}"#) == [Node(name: "b")])
        #expect(try decodeJSON(#"[1, "x", null, [], {"nodename": "n"}, true]"#) == [Node(name: "n")])
    }

    @Test(arguments: [#""x""#, "12", "null", "true"])
    func topLevelMustBeObjectOrArray(text: String) {
        #expect(jsonError(text)?.kind == .topLevelNotContainer)
    }

    @Test func emptyContainersHaveNoNodes() throws {
        #expect(try decodeJSON("{}").isEmpty)
        #expect(try decodeJSON(" [ ] \n").isEmpty)
    }

    @Test func nullValuesAreSkipped() throws {
        let nodes = try decodeJSON(#"{"a": {"x": null, "y": "1", "description": null}}"#)
        #expect(nodes == [Node(name: "a", attributes: ["y": "1"])])
    }

    @Test func laterNullOrNestedValueUnsetsAnEarlierOne() throws {
        let nodes = try decodeJSON(#"{"a": {"x": "1", "x": null, "y": "2", "y": {"k": "v"}, "z": "3"}}"#)
        #expect(nodes == [Node(name: "a", attributes: ["z": "3"])])
    }

    @Test func nestedMapsAndListsAreDropped() throws {
        let nodes = try decodeJSON(#"{"a": {"m": {"k": "v"}, "l": [1, [2]], "s": "ok"}}"#)
        #expect(nodes == [Node(name: "a", attributes: ["s": "ok"])])
    }

    @Test func numbersAndBooleansBecomeTheirText() throws {
        let text = #"{"a": {"rank": 1, "weight": -2.50, "big": 1E+3, "zero": 0, "on": true, "no": false}}"#
        let nodes = try decodeJSON(text)
        #expect(nodes.first?.attributes
            == ["rank": "1", "weight": "-2.50", "big": "1E+3", "zero": "0", "on": "true", "no": "false"])
    }

    @Test func numericAndBooleanNodenamesBecomeText() throws {
        #expect(try decodeJSON(#"[{"nodename": 42}, {"nodename": true}]"#).map(\.name) == ["42", "true"])
    }

    @Test(arguments: [
        ("a, b,c,   d", ["a", "b", "c", "d"]),
        (" a ,b", [" a ", "b"]),
        ("a,,b", ["", "a", "b"]),
        (",a", ["", "a"]),
        ("a,  ", ["a"]),
        ("a,,,", ["a"]),
        ("solo", ["solo"]),
        ("", []),
        ("   ", []),
    ])
    func tagStringsSplitAtCommaAndFollowingSpaces(tags: String, expected: [String]) throws {
        let nodes = try decodeJSON(#"{"a": {"tags": "\#(tags)"}}"#)
        #expect(nodes.first?.tags == expected.sorted())
    }

    @Test func tagArraysKeepStringsAndDropNulls() throws {
        let nodes = try decodeJSON(#"{"a": {"tags": ["web", null, " x ", "", 1, true]}}"#)
        #expect(nodes.first?.tags == ["", " x ", "1", "true", "web"])
    }

    @Test func nestedValuesInTagArraysArePrintedAsJavaDoes() throws {
        let nodes = try decodeJSON(#"{"a": {"tags": [{"k": "v", "n": [1, null]}, ["p", "q"], {}]}}"#)
        #expect(nodes.first?.tags == ["[p, q]", "{k=v, n=[1, null]}", "{}"])
    }

    @Test func numericTagsAreOneTag() throws {
        #expect(try decodeJSON(#"{"a": {"tags": 5}}"#).first?.tags == ["5"])
    }

    @Test func theLastTagsKeyWins() throws {
        #expect(try decodeJSON(#"{"a": {"tags": ["x"], "tags": "y, z"}}"#).first?.tags == ["y", "z"])
        #expect(try decodeJSON(#"{"a": {"tags": "y", "tags": ["x"]}}"#).first?.tags == ["x"])
        #expect(try decodeJSON(#"{"a": {"tags": "y", "tags": null}}"#).first?.tags == [])
        #expect(try decodeJSON(#"{"a": {"tags": "y", "tags": {"k": "v"}}}"#).first?.tags == [])
    }

    @Test func tagsAndNodenameAreNotAttributes() throws {
        let node = try #require(try decodeJSON(#"{"a": {"nodename": "b", "tags": "t"}}"#).first)
        #expect(node.attributes.isEmpty)
        #expect(node.allAttributes == ["nodename": "b", "tags": "t"])
    }

    @Test func aLaterNodeWithTheSameNameReplacesTheEarlierInPlace() throws {
        let nodes = try decodeJSON(#"{"a": {"x": "1"}, "b": {}, "c": {"nodename": "a", "x": "2"}}"#)
        #expect(nodes == [Node(name: "a", attributes: ["x": "2"]), Node(name: "b")])
    }

    @Test func stringEscapesAreDecoded() throws {
        let nodes = try decodeJSON(#"{"a": {"s": "\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00x"}}"#)
        #expect(nodes.first?.attributes["s"] == "\"\\/\u{8}\u{C}\n\r\té€😀x")
    }

    @Test func escapedKeysAreDecoded() throws {
        let nodes = try decodeJSON(#"{"w\u00e9b": {"host\u006eame": "h", "node\u006eame": "n\u00e9"}}"#)
        #expect(nodes == [Node(name: "né", attributes: ["hostname": "h"])])
    }

    @Test func unicodeTextPassesThrough() throws {
        let nodes = try decodeJSON(#"{"wéb-😀": {"ECS:Container-Image": "ünïcödé/日本:1"}}"#)
        #expect(nodes == [Node(name: "wéb-😀", attributes: ["ECS:Container-Image": "ünïcödé/日本:1"])])
    }

    @Test func aByteOrderMarkAndSurroundingWhitespaceAreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(" \r\n\t{\"a\" : { } }\n\n".utf8)
        #expect(try ResourceJSON.decode(bytes) == [Node(name: "a")])
    }

    @Test func deepButAllowedNestingIsSkipped() throws {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try decodeJSON(#"{"a": {"x": \#(deep), "y": "1"}}"#) == [Node(name: "a", attributes: ["y": "1"])])
    }
}
