import FilterLang
import Foundation
import NodeModel

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let nodes = SyntheticFleet.nodes(count: count)
func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
var table = NodeTable()
let build = seconds { table = NodeTable(nodes) }
print("table build", build)
for text in ["ECS:Container-Image: .*spring.*", "ECS:Task-Launch-Type: EC2", "app3-.*", "tags: cluster-1+svc-2.*"] {
    let filter = try Filter(rundeck: text)
    var selected = 0
    let row = seconds { let s = RegexScratch(); selected = nodes.filter { filter.expression.matches($0, scratch: s) }.count }
    var selected2 = 0
    let col = (0..<5).map { _ in seconds { selected2 = filter.select(in: table).rows.cardinality } }.min()!
    print(text, selected, selected2, String(format: "row %.1f M/s  column %.1f M/s", Double(count) / row / 1e6, Double(count) / col / 1e6))
}
