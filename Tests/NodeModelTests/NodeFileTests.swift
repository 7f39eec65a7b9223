import Foundation
import NodeModel
import Testing

/// Reading files: format from the extension, else sniffed; errors name the file.
struct NodeFileTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("NodeFileTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test(arguments: [
        ("fleet.json", #"{"a": {"x": "1"}}"#),
        ("fleet.yaml", "a:\n  x: '1'\n"),
        ("fleet.YML", "a: {x: 1}\n"),
        ("fleet", #"  {"a": {"x": "1"}}"#),
        ("fleet.txt", "a:\n  x: 1\n"),
    ])
    func readPicksTheFormat(name: String, text: String) throws {
        let path = try write(name, text)
        #expect(try NodeFile.read(path: path) == [Node(name: "a", attributes: ["x": "1"])])
    }

    @Test func anExplicitFormatWins() throws {
        let path = try write("nodes.json", "[{nodename: a}]\n")
        #expect(try NodeFile.read(path: path, format: .yaml) == [Node(name: "a")])
        #expect(try NodeFile.load(path: path).format == .json)
    }

    @Test func loadGivesBytesForTheProjectedDecode() throws {
        let text = #"{"a": {"x": "1", "y": "2"}}"#
        let contents = try NodeFile.load(path: try write("big.json", text))
        #expect(contents.bytes == Array(text.utf8))
        #expect(contents.format == .json)
        #expect(try ResourceJSON.decode(contents.bytes, file: contents.file, keeping: ["y"]).map(\.node)
            == [Node(name: "a", attributes: ["y": "2"])])
        #expect(try contents.decode() == [Node(name: "a", attributes: ["x": "1", "y": "2"])])
    }

    @Test func decodeErrorsNameThePath() throws {
        let path = try write("broken.json", "{\n  \"a\": {\"x\": \"1\" \"y\": 2}\n}\n")
        #expect(throws: NodeFileError(file: path, position: .init(line: 2, column: 18, offset: 19),
                                      kind: .unexpectedCharacter(expected: "',' or '}' after a value"))) {
            try NodeFile.read(path: path)
        }
    }

    @Test func aMissingFileIsUnreadable() {
        let path = directory.appendingPathComponent("missing.json").path
        #expect(throws: NodeFileError(file: path, kind: .unreadable("No such file or directory"))) {
            try NodeFile.read(path: path)
        }
    }

    @Test func aDirectoryIsUnreadable() {
        #expect(throws: NodeFileError(file: directory.path, kind: .unreadable("Is a directory"))) {
            try NodeFile.read(path: directory.path)
        }
    }

    @Test func invalidUTF8InYAMLIsReportedAtTheBadByte() throws {
        let path = try write("bad.yaml", Array("a:\n  x: ok".utf8) + [0xFF] + Array("\n".utf8))
        let position = NodeFileError.Position(line: 2, column: 8, offset: 10)
        #expect(throws: NodeFileError(file: path, position: position, kind: .invalidUTF8)) {
            try NodeFile.read(path: path)
        }
    }

    @Test func largeFilesAreReadWhole() throws {
        let nodes = (0..<2000).map { i in
            Node(name: "node-\(i)", attributes: ["hostname": "10.0.\(i / 256).\(i % 256)"])
        }
        let path = try write("large.json", ResourceJSON.encode(nodes))
        #expect(try NodeFile.read(path: path) == nodes.sorted { $0.name < $1.name })
    }
}
