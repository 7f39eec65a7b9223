import Testing
@testable import NodeModel

/// The query fast path (`decodeTable`) agrees with the full read, also when a large document
/// is read in two halves on two threads.
struct ResourceJSONTableTests {
    /// A map-form document of `count` entries, about 300 bytes each; `extra` adds text to entry `i`.
    static func document(count: Int, array: Bool = false, extra: (Int) -> String = { _ in "" }) -> String {
        var random = SplitMix64(seed: 7)
        let entries = (0..<count).map { index -> String in
            let image = ["nginx:1.25", "acme/payments-spring:2.7", "redis:7"][Int(random.next() % 3)]
            let body = """
                {"nodename": "node-\(index)", "ECS:Container-Image": "\(image)", "ECS:CPU": \(256 << (index % 3)), \
                "tags": "t\(index % 5), common", "description": "container \(index) of a test fleet with some padding text", \
                "ECS:Task-ARN": "arn:aws:ecs:eu-west-1:123456789012:task/c/\(index)"\(extra(index))}
                """
            return array ? "  " + body : "  \"node-\(index)\": " + body
        }
        return (array ? "[\n" : "{\n") + entries.joined(separator: ",\n") + (array ? "\n]\n" : "\n}\n")
    }

    static func table(_ text: String, keeping: Set<String>) throws(NodeFileError) -> (table: NodeTable, ranges: [Range<Int>], walks: Int) {
        try Array(text.utf8).withUnsafeBufferPointer { bytes throws(NodeFileError) in
            try ResourceJSON.readTable(bytes, file: "-", keeping: keeping)
        }
    }

    /// Checks the table against the full read; returns how many walks read it.
    @discardableResult
    static func expectAgreesWithFullRead(_ text: String) throws -> Int {
        let full = try ResourceJSON.decode(Array(text.utf8))
        let (table, ranges, walks) = try Self.table(text, keeping: ["ECS:Container-Image", "ECS:CPU", "tags", "missing"])
        #expect(table.names == full.map(\.name))
        #expect(table.columns.keys.sorted() == ["ECS:CPU", "ECS:Container-Image", "missing"])
        #expect(table.columns["missing"]?.values.isEmpty == true)
        for (row, node) in full.enumerated() {
            #expect(table.columns["ECS:Container-Image"]?[row] == node.attributes["ECS:Container-Image"])
            #expect(table.columns["ECS:CPU"]?[row] == node.attributes["ECS:CPU"])
            #expect(table.tags[row] == node.tags)
            #expect(try ResourceJSON.decodeEntry(Array(text.utf8), range: ranges[row], key: node.name) == node)
        }
        return walks
    }

    @Test func smallDocumentMatchesFullRead() throws {
        #expect(try Self.expectAgreesWithFullRead(Self.document(count: 50)) == 1)
    }

    @Test func largeDocumentReadInTwoHalvesMatchesFullRead() throws {
        let text = Self.document(count: 20_000)
        #expect(text.utf8.count > 4 << 20)
        #expect(try Self.expectAgreesWithFullRead(text) == 2)
        #expect(try Self.expectAgreesWithFullRead(Self.document(count: 20_000, array: true)) == 2)
    }

    @Test func misleadingBoundaryTextFallsBackToOneWalk() throws {
        // Every entry holds `}, "` and `},\n`-like text inside strings: a guessed boundary there
        // is not met by the first walk, which then reads to the end alone.
        let text = Self.document(count: 20_000) { _ in #", "note": "a}, \"b\" }, {", "x": "}, ""# }
        #expect(try Self.expectAgreesWithFullRead(text) == 1)
    }

    @Test func duplicateNameInTheSecondHalfReplacesTheFirst() throws {
        let count = 20_000
        var text = Self.document(count: count)
        text.removeLast(3)  // "\n}\n"
        text += ",\n  \"node-5\": {\"ECS:CPU\": \"9999\"}\n}\n"
        let (table, _, walks) = try Self.table(text, keeping: ["ECS:CPU", "ECS:Container-Image"])
        #expect(walks == 2)
        #expect(table.count == count)
        #expect(table.names[5] == "node-5")
        #expect(table.columns["ECS:CPU"]?[5] == "9999")
        #expect(table.columns["ECS:Container-Image"]?[5] == nil)
    }

    @Test func errorsAreReportedWhereverTheyAre() throws {
        let text = Self.document(count: 20_000)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func broken(atLine line: Int) -> String {
            var lines = lines
            lines[line] = lines[line].replacingOccurrences(of: "\"ECS:CPU\": ", with: "\"ECS:CPU\" ")
            return lines.joined(separator: "\n")
        }
        for line in [15_000, 5_000] {
            do {
                _ = try Self.table(broken(atLine: line), keeping: ["ECS:CPU"])
                Issue.record("line \(line + 1): no error")
            } catch {
                #expect(error.position?.line == line + 1)
            }
        }
        // With errors in both halves, the first one is reported.
        var both = broken(atLine: 15_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        both[3_000] = both[3_000].replacingOccurrences(of: "\"ECS:CPU\": ", with: "\"ECS:CPU\" ")
        #expect(throws: NodeFileError.self) { _ = try Self.table(both.joined(separator: "\n"), keeping: ["ECS:CPU"]) }
        do {
            _ = try Self.table(both.joined(separator: "\n"), keeping: ["ECS:CPU"])
        } catch {
            #expect(error.position?.line == 3_001)
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
