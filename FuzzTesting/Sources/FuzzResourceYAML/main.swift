import Foundation
import CFuzzer
import NodeModel

/// The resource-yaml reader on arbitrary text: it returns nodes or a positioned error, and
/// what it returns is written and read back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResourceYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let nodes = try? ResourceYAML.decode(text) else { return 0 }
    let again = try? ResourceYAML.decode(ResourceYAML.encode(nodes))
    precondition(again.map(byName) == byName(nodes), "encode/decode round trip failed")
    return 0
}

/// Nodes by name (the last of a repeated name wins; the writers sort by name) as their
/// attributes and tag text. Tags are written as one comma-separated string, as Rundeck writes
/// them, so a tag that holds a comma (Rundeck reads `"tags": [{…}]` as the element's text)
/// comes back as several: tags are compared as the sorted list of their comma-separated parts.
func byName(_ nodes: [Node]) -> [String: [String: String]] {
    Dictionary(nodes.map { node in
        let parts = node.tags.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (node.name, node.attributes.merging(["(tags)": Set(parts).sorted().joined(separator: ",")]) { $1 })
    }, uniquingKeysWith: { _, last in last })
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { fuzzResourceYAML($0, $1) })
