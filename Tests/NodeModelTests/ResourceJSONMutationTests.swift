import Foundation
import Testing
@testable import NodeModel

/// Mutated resource-json documents: the full reader and the query fast path either both fail,
/// at the same place, or both read the same nodes; neither crashes.
struct ResourceJSONMutationTests {
    static let fleet: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/fleet.json")
        return Array((try? Data(contentsOf: url)) ?? Data())
    }()

    static let insertions: [[UInt8]] = ["\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "\u{1}", "é", "\\u", "null", "1e", "-", "tags", "nodename"]
        .map { Array($0.utf8) } + [[0xFF], [0xC3]]

    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        for _ in 0...Int(random.next() % 3) {
            let at = Int(random.next() % UInt64(bytes.count + 1))
            switch random.next() % 4 {
            case 0: bytes.insert(contentsOf: insertions[Int(random.next() % UInt64(insertions.count))], at: at)
            case 1: if at < bytes.count { bytes.remove(at: at) }
            case 2: if at < bytes.count { bytes[at] ^= UInt8(truncatingIfNeeded: random.next() | 1) }
            default: bytes = Array(bytes.prefix(max(at, bytes.count - 64)))
            }
        }
        return bytes
    }

    /// Names (full read) or the error's offset; the same from both readers.
    static func outcome(_ bytes: [UInt8]) -> (full: Result<[String], NodeFileError>, table: Result<[String], NodeFileError>, walks: Int) {
        let full = Result { () throws(NodeFileError) in try ResourceJSON.decode(bytes).map(\.name) }
        var walks = 0
        let table = Result { () throws(NodeFileError) in
            try bytes.withUnsafeBufferPointer { buffer throws(NodeFileError) in
                let read = try ResourceJSON.readTable(buffer, file: "-", keeping: ["ECS:CPU", "tags"])
                walks = read.walks
                return read.table.names
            }
        }
        return (full, table, walks)
    }

    static func expectSameOutcome(_ bytes: [UInt8], _ label: String) -> Int {
        let (full, table, walks) = outcome(bytes)
        switch (full, table) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(label)")
        case (.failure(let a), .failure(let b)):
            #expect(a.position?.offset == b.position?.offset, "\(label): \(a) vs \(b)")
        default:
            Issue.record("\(label): full read \(full), table read \(table)")
        }
        return walks
    }

    @Test func mutatedFleetsReadTheSameBothWays() {
        #expect(Self.fleet.count > 10_000)
        var random = SplitMix64(seed: 42)
        for round in 0..<2_000 {
            _ = Self.expectSameOutcome(Self.mutate(Self.fleet, &random), "round \(round)")
        }
    }

    @Test func mutatedLargeDocumentsReadTheSameBothWays() {
        // About 5 MB: large enough to be read in two halves.
        var text = "{\n"
        for copy in 0..<90 {
            let entries = String(decoding: Self.fleet.dropFirst(2).dropLast(3), as: UTF8.self)
            text += entries.replacingOccurrences(of: "\": {", with: "-\(copy)\": {") + (copy == 89 ? "\n}\n" : ",\n")
        }
        let document = Array(text.utf8)
        #expect(document.count > 4 << 20)
        #expect(Self.expectSameOutcome(document, "unmutated") == 2)
        var random = SplitMix64(seed: 43)
        for round in 0..<12 {
            _ = Self.expectSameOutcome(Self.mutate(document, &random), "large round \(round)")
        }
    }
}
