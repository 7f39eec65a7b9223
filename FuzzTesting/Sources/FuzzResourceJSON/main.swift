import Foundation
import FuzzSupport
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

runFuzzer(fuzzResourceJSON)
