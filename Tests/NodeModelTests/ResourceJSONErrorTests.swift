import NodeModel
import Testing

/// Strict JSON syntax: every error has its kind and its line and column.
struct ResourceJSONErrorTests {
    @Test func aMissingCommaIsReportedWhereTheNextKeyStarts() {
        let text = """
            {
              "web1": {
                "hostname": "10.0.0.1"
                "username": "root"
              }
            }
            """
        let error = jsonError(text)
        #expect(error?.kind == .unexpectedCharacter(expected: "',' or '}' after a value"))
        #expect(lineColumn(error) == [4, 5])
        #expect(error?.position?.offset == 45)
    }

    @Test func theDescriptionHasFileLineAndColumn() {
        let error = NodeFileError(
            file: "fleet.json", position: .init(line: 12, column: 5, offset: 300),
            kind: .unexpectedCharacter(expected: "',' or '}' after a value"))
        #expect(error.description == "fleet.json:12:5: expected ',' or '}' after a value")
        #expect(NodeFileError(file: "x.yaml", kind: .unreadable("No such file or directory")).description
            == "x.yaml: cannot read file: No such file or directory")
    }

    @Test func decodeNamesTheFileInItsErrors() {
        let position = NodeFileError.Position(line: 1, column: 1, offset: 0)
        #expect(throws: NodeFileError(file: "f.json", position: position, kind: .unexpectedEndOfInput)) {
            try ResourceJSON.decode([], file: "f.json")
        }
    }

    @Test(arguments: [
        (#"{"a": {"x": "1""#, [1, 16]),
        (#"{"a": {"x": "1"#, [1, 15]),
        (#"{"a": {"x": "#, [1, 13]),
        (#"{"a": {"x""#, [1, 11]),
        (#"{"a": ["#, [1, 8]),
        (#"{"a": {"x": tr"#, [1, 15]),
        (#"{"a": {"x": -"#, [1, 14]),
        (#"{"a": {"x": "\u12"#, [1, 18]),
        ("", [1, 1]),
        ("\n  ", [2, 3]),
    ])
    func truncatedInputIsAnUnexpectedEnd(text: String, position: [Int]) {
        let error = jsonError(text)
        #expect(error?.kind == .unexpectedEndOfInput)
        #expect(lineColumn(error) == position)
    }

    @Test(arguments: [
        (#"{"a": {"x": "\q"}}"#, NodeFileError.Kind.invalidEscape(#"\q"#), [1, 14]),
        (#"{"a": {"x": "ok\u12G4"}}"#, .invalidEscape(#"\u12G"#), [1, 16]),
        (#"{"a": {"x": "\ud800"}}"#, .unpairedSurrogate, [1, 14]),
        (#"{"a": {"x": "\ud800\u0041"}}"#, .unpairedSurrogate, [1, 14]),
        (#"{"a": {"x": "\udc00\ud800"}}"#, .unpairedSurrogate, [1, 14]),
        ("{\"a\": {\"x\": \"tab\there\"}}", .controlCharacterInString(9), [1, 17]),
        ("{\"a\": {\"x\": \"line\nbreak\"}}", .controlCharacterInString(10), [1, 18]),
        (#"{"a": {"x": 01}}"#, .invalidNumber, [1, 13]),
        (#"{"a": {"x": 1.}}"#, .invalidNumber, [1, 13]),
        (#"{"a": {"x": 1e}}"#, .invalidNumber, [1, 13]),
        (#"{"a": {"x": -a}}"#, .invalidNumber, [1, 13]),
        (#"{"a": {"x": .5}}"#, .unexpectedCharacter(expected: "a value"), [1, 13]),
        (#"{"a": {"x": +5}}"#, .unexpectedCharacter(expected: "a value"), [1, 13]),
        (#"{"a": {"x": nul}}"#, .unexpectedCharacter(expected: "a value"), [1, 13]),
        (#"{"a": {"x": 'y'}}"#, .unexpectedCharacter(expected: "a value"), [1, 13]),
        (#"{"a": {x: "y"}}"#, .unexpectedCharacter(expected: "a string key or '}'"), [1, 8]),
        (#"{"a": {"x" "y"}}"#, .unexpectedCharacter(expected: "':' after a key"), [1, 12]),
        (#"{"a": {"x": "y",}}"#, .unexpectedCharacter(expected: "a string key after ','"), [1, 17]),
        (#"[{"nodename": "a"},]"#, .unexpectedCharacter(expected: "a value after ','"), [1, 20]),
        (#"[{"nodename": "a"} {}]"#, .unexpectedCharacter(expected: "',' or ']' after a value"), [1, 20]),
        (#"{"a": {}} {}"#, .unexpectedCharacter(expected: "end of input after the top-level value"), [1, 11]),
        (#"{"a": {}}}"#, .unexpectedCharacter(expected: "end of input after the top-level value"), [1, 10]),
        ("{\"é😀\": {\"x\": 1 2}}", .unexpectedCharacter(expected: "',' or '}' after a value"), [1, 16]),
        ("{\"a\": {\"x\": \"1\"},\n \"b\": {\"y\": [1 2]}}",
         .unexpectedCharacter(expected: "',' or ']' after a value"), [2, 16]),
    ])
    func syntaxErrorsHaveKindAndPosition(text: String, kind: NodeFileError.Kind, position: [Int]) {
        let error = jsonError(text)
        #expect(error?.kind == kind)
        #expect(lineColumn(error) == position)
    }

    @Test func invalidUTF8IsReportedAtTheBadByte() {
        let bytes = Array(#"{"a": {"x": "ok"#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)
        let error = jsonError(bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.position?.offset == 15)
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]] as [[UInt8]])
    func overlongSurrogateAndOutOfRangeSequencesAreInvalid(sequence: [UInt8]) {
        let bytes = Array(#"{"a": {"x": ""#.utf8) + sequence + Array(#""}}"#.utf8)
        #expect(jsonError(bytes)?.kind == .invalidUTF8)
    }

    @Test func invalidUTF8InAKeyIsAnError() {
        let bytes = Array(#"{"a"#.utf8) + [0xFF] + Array(#"": {}}"#.utf8)
        #expect(jsonError(bytes)?.kind == .invalidUTF8)
    }

    @Test func nestingBeyondTheLimitIsAnError() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = jsonError(#"{"a": {"x": \#(deep)}}"#)
        #expect(error?.kind == .nestingTooDeep(limit: 512))
        #expect(error?.position?.line == 1)
    }

    @Test func nestingBeyondTheLimitInATagArrayIsAnError() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(jsonError(#"{"a": {"tags": \#(deep)}}"#)?.kind == .nestingTooDeep(limit: 512))
    }
}
