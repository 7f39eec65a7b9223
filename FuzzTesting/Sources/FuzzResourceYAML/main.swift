import Foundation
import FuzzSupport
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

runFuzzer(fuzzResourceYAML)
