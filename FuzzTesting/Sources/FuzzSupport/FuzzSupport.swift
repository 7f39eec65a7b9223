import CFuzzer
import Foundation
import NodeModel

/// Runs libFuzzer's loop on `target` with the process's arguments, then exits. Each target
/// calls it from its `main`, because SwiftPM renames an executable's `main` and libFuzzer's
/// own would never run.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var arguments = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&arguments, &argv, target))
}

/// Nodes by name (the last of a repeated name wins; the writers sort by name) as their
/// attributes and tag text, for round-trip checks of the resource formats. Tags are written as
/// one comma-separated string, as Rundeck writes them, so a tag that holds a comma (Rundeck reads
/// `"tags": [{…}]` as the element's text) comes back as several: tags are compared as the
/// sorted set of their comma-separated parts.
public func byName(_ nodes: [Node]) -> [String: [String: String]] {
    Dictionary(nodes.map { node in
        let parts = node.tags.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (node.name, node.attributes.merging(["(tags)": Set(parts).sorted().joined(separator: ",")]) { $1 })
    }, uniquingKeysWith: { _, last in last })
}
