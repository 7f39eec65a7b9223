import AWSCore
import NodeModel
import Executor
import Foundation
import Testing
import TestSupport

/// Commands run through ExecuteCommand and the data channel of a real ecs-sim (real WebSocket,
/// real PTY).
@Suite(.serialized)
struct SimExecTests {
    @Test func oneNodeGivesByteExactOutputAndItsExitStatus() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        #expect(fleet.targets.count == 1)
        let (results, outputs) = await fleet.run { _ in #"printf 'hello\nworld\n\tno newline at end'; printf '\r\nCRLF kept\r\n'"# }
        #expect(results.map(\.status) == [.ok])
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == "hello\nworld\n\tno newline at end\r\nCRLF kept\r\n")
    }

    @Test(arguments: [("exit 0", Int32(0)), ("false", 1), ("exit 3", 3), ("no-such-command-xyz", 127), ("kill -9 $$", 137), ("kill -TERM $$", 143)])
    func exitStatuses(command: String, status: Int32) async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let (results, _) = await fleet.run { _ in command }
        #expect(results.first?.exitStatus == status, "\(results)")
    }

    @Test func tenNodesEachWithItsOwnOutputAndStatus() async throws {
        let fleet = try await SimFleet.start(tasks: 10)
        defer { fleet.stop() }
        let statuses = Dictionary(uniqueKeysWithValues: fleet.targets.enumerated().map { ($0.element.node, Int32([0, 1, 3, 127, 0][$0.offset % 5])) })
        let (results, outputs) = await fleet.run { target in
            let status = statuses[target.node]!
            let exit = status == 127 ? "no-such-command-xyz" : "exit \(status)"
            return "echo node \(target.node); seq 1 50; \(exit)"
        }
        for result in results {
            #expect(result.exitStatus == statuses[result.node], "\(result)")
            let expected = "node \(result.node)\n" + (1...50).map { "\($0)\n" }.joined()
            let text = String(decoding: outputs[result.node] ?? [], as: UTF8.self)
            if statuses[result.node] == 127 {
                #expect(text.hasPrefix(expected))
            } else {
                #expect(text == expected)
            }
        }
    }

    @Test func templatedValuesAreInert() async throws {
        let fleet = try await SimFleet.start(tasks: 1)
        defer { fleet.stop() }
        let witness = FileManager.default.temporaryDirectory.appendingPathComponent("ecsnodes-inert-\(UUID().uuidString)").path
        let evil = "$(touch \(witness)) `touch \(witness)` ' \" \\ ; touch \(witness)"
        let template = CommandTemplate("printf '%s\\n' ${node.evil}")
        let node = Node(name: "n", attributes: ["evil": evil])
        let command = try template.render(for: node)
        let (results, outputs) = await fleet.run { _ in command }
        #expect(results.first?.status == .ok)
        #expect(String(decoding: outputs.values.first ?? [], as: UTF8.self) == evil + "\n")
        #expect(!FileManager.default.fileExists(atPath: witness))
    }
}
