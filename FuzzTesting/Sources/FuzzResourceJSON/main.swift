import Foundation
import CFuzzer
import NodeModel

/// The resource-json readers on arbitrary bytes: the full decoder and the projected table
/// reader agree on whether the input is valid and, when it is, on the node names; what is written reads back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResourceJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let full = try? ResourceJSON.decode(bytes)
    let table = bytes.withUnsafeBufferPointer { try? ResourceJSON.decodeTable($0, keeping: ["a"]) }
    precondition((full == nil) == (table == nil), "the full and table readers disagree on validity")
    if let full, let table {
        precondition(Set(full.map(\.name)) == Set(table.table.names), "the readers disagree on the names")
        let again = try? ResourceJSON.decode(Array(ResourceJSON.encode(full).utf8))
        precondition(again.map(byName) == byName(full), "encode/decode round trip failed")
    }
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
exit(LLVMFuzzerRunDriver(&arguments, &argv) { fuzzResourceJSON($0, $1) })
