import Foundation
import FuzzSupport
import FilterLang
import NodeModel

/// Both filter languages on arbitrary bytes: each input parses or fails with an error whose
/// range lies inside the text, and a parsed filter evaluates on a few nodes without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let nodes = [
        Node(name: "web-1", attributes: ["ECS:CPU": "512", "ECS:Container-Image": "nginx:1.27"], tags: ["web", "prod"]),
        Node(name: "api", attributes: ["ECS:CPU": "x"], tags: []),
    ]
    for language in [Filter.Language.rundeck, .extended] {
        do throws(FilterSyntaxError) {
            let filter = language == .rundeck ? try Filter(rundeck: text) : try Filter(expression: text)
            _ = filter.select(nodes)
            _ = filter.select(in: NodeTable(nodes))
        } catch {
            precondition(error.range.lowerBound >= 0 && error.range.upperBound <= text.utf8.count + 1,
                         "error range \(error.range) outside a text of \(text.utf8.count) bytes")
            _ = error.rendered(filter: text)
        }
    }
    return 0
}

runFuzzer(fuzzFilter)
