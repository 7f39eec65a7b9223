import NodeModel
import Testing

/// A map-form file with escapes, nested values, an own nodename and a non-object entry.
private let mapForm = """
    {
      "web1": {"hostname": "10.0.0.1", "ECS:Container-Image": "nginx:1.25", "osFamily": "unix",
               "tags": "web, prod", "nested": {"skip": ["me"]}, "n": 3},
      "db\\u0031": {"nodename": "db-primary", "ho\\u0073tname": "10.0.0.2", "description": "ünïcödé \\"db\\""},
      "bare": {},
      "not-an-entry": "x",
      "web2": {"tags": ["a", null, "b"], "hostname": null, "ECS:Container-Image": "redis:7"}
    }
    """

private let arrayForm = """
    [
      {"nodename": "a", "hostname": "h-a", "extra": "1"},
      {"hostname": "no-name"},
      {"nodename": "b", "tags": "x,y", "extra": [1, 2]}
    ]
    """

/// The projected decode keeps only the named attributes and gives each entry's byte range.
struct ResourceJSONProjectionTests {
    @Test(arguments: [mapForm, arrayForm])
    func keptAttributesMatchTheFullDecode(text: String) throws {
        let bytes = Array(text.utf8)
        let kept: Set<String> = ["hostname", "ECS:Container-Image"]
        let full = try ResourceJSON.decode(bytes)
        let projected = try ResourceJSON.decode(bytes, keeping: kept)
        #expect(projected.map(\.node) == full.map { node in
            Node(name: node.name, attributes: node.attributes.filter { kept.contains($0.key) }, tags: node.tags)
        })
    }

    @Test(arguments: [mapForm, arrayForm])
    func decodeEntryOnARangeGivesTheFullNode(text: String) throws {
        let bytes = Array(text.utf8)
        let full = try ResourceJSON.decode(bytes)
        let projected = try ResourceJSON.decode(bytes, keeping: [])
        #expect(projected.count == full.count)
        for (entry, node) in zip(projected, full) {
            #expect(bytes[entry.range.lowerBound] == UInt8(ascii: "{"))
            #expect(bytes[entry.range.upperBound - 1] == UInt8(ascii: "}"))
            #expect(try ResourceJSON.decodeEntry(bytes, range: entry.range, key: entry.node.name) == node)
        }
    }

    @Test func rangesCoverExactlyTheEntryObject() throws {
        let text = #"{"a": {"x": "1"}, "b" : { } }"#
        let bytes = Array(text.utf8)
        let entries = try ResourceJSON.decode(bytes, keeping: ["x"])
        #expect(entries.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#"{"x": "1"}"#, "{ }"])
    }

    @Test func decodeEntryUsesTheKeyOnlyWithoutANodename() throws {
        let bytes = Array(#"{"k": {"x": "1"}, "m": {"nodename": "own"}}"#.utf8)
        let entries = try ResourceJSON.decode(bytes, keeping: [])
        #expect(try ResourceJSON.decodeEntry(bytes, range: entries[0].range, key: "k")?.name == "k")
        #expect(try ResourceJSON.decodeEntry(bytes, range: entries[1].range, key: "ignored")?.name == "own")
        #expect(try ResourceJSON.decodeEntry(bytes, range: entries[0].range, key: nil) == nil)
    }

    @Test func decodeEntryOnANonObjectIsNil() throws {
        let bytes = Array(#"["x", {"nodename": "n"}]"#.utf8)
        #expect(try ResourceJSON.decodeEntry(bytes, range: 1..<4, key: nil) == nil)
    }

    @Test func decodeEntryReportsErrorsAtFilePositions() {
        let bytes = Array("{\"a\": {\"x\": \"1\"},\n \"b\": {\"y\": \"2\" \"z\": 1}}".utf8)
        let range = 24..<(bytes.count - 1)
        #expect(bytes[range.lowerBound] == UInt8(ascii: "{"))
        #expect(throws: NodeFileError.self) { try ResourceJSON.decodeEntry(bytes, range: range, key: "b") }
        do {
            _ = try ResourceJSON.decodeEntry(bytes, range: range, key: "b", file: "f.json")
        } catch {
            #expect(error.description == "f.json:2:17: expected ',' or '}' after a value")
        }
    }

    @Test func skippedValuesAreStillChecked() {
        #expect(jsonProjectedError(#"{"a": {"skipped": "\x"}}"#)?.kind == .invalidEscape(#"\x"#))
        #expect(jsonProjectedError(#"{"a": {"skipped": [1,]}}"#)?.kind
            == .unexpectedCharacter(expected: "a value after ','"))
        let bytes = Array(#"{"a": {"skipped": ""#.utf8) + [0xFF] + Array(#""}}"#.utf8)
        #expect(jsonProjectedError(bytes)?.kind == .invalidUTF8)
    }

    @Test func nameAndTagsAreAlwaysKept() throws {
        let bytes = Array(#"[{"nodename": "n", "tags": "t1, t2", "x": "1"}]"#.utf8)
        let entries = try ResourceJSON.decode(bytes, keeping: [])
        #expect(entries.map(\.node) == [Node(name: "n", tags: ["t1", "t2"])])
    }

    @Test func duplicateNamesResolveAsInTheFullDecode() throws {
        let bytes = Array(#"{"a": {"x": "1"}, "b": {}, "c": {"nodename": "a", "x": "2"}}"#.utf8)
        let entries = try ResourceJSON.decode(bytes, keeping: ["x"])
        #expect(entries.map(\.node) == [Node(name: "a", attributes: ["x": "2"]), Node(name: "b")])
        #expect(try ResourceJSON.decodeEntry(bytes, range: entries[0].range, key: "c")?.attributes == ["x": "2"])
    }

    private func jsonProjectedError(_ text: String) -> NodeFileError? {
        jsonProjectedError(Array(text.utf8))
    }

    private func jsonProjectedError(_ bytes: [UInt8]) -> NodeFileError? {
        do {
            _ = try ResourceJSON.decode(bytes, keeping: ["kept"])
            return nil
        } catch {
            return error
        }
    }
}
