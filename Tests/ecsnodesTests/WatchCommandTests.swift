import Foundation
import Testing

/// `ecsnodes watch` on a file that changes between polls, run as a process.
struct WatchCommandTests {
    @Test func reportsAddedRemovedAndChangedNodes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-watch-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"a": {"role": "web"}, "b": {"role": "web", "cpu": "256"}, "x": {"role": "db"}}"#.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["watch", "--from", file.path, "-F", "role: web", "--interval", "1.5", "--polls", "2", "-o", "jsonl"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first poll reports both web nodes; only then does the file change.
        var seen = Data()
        while seen.split(separator: UInt8(ascii: "\n")).count < 2 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        try #"{"b": {"role": "web", "cpu": "512"}, "c": {"role": "web"}, "x": {"role": "db"}}"#.write(to: file, atomically: true, encoding: .utf8)
        seen.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let events = try seen.split(separator: UInt8(ascii: "\n")).map { try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any] }
        #expect(events.map { "\($0["event"]!) \($0["node"]!)" } == ["added a", "added b", "removed a", "changed b", "added c"])
        let change = (events[3]["changes"] as! [String: [String: String]])["cpu"]
        #expect(change == ["old": "256", "new": "512"])
        #expect((events[0]["attributes"] as! [String: String])["role"] == "web")
    }
}
