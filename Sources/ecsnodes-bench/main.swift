import FilterLang
import Foundation
import NodeModel

// Filter evaluation over synthetic ECS nodes held in memory, on one thread.
//
//   swift build -c release --product ecsnodes-bench && .build/release/ecsnodes-bench [COUNT]
//
// Prints, for each filter, the nodes it selects and evaluations per second two ways: over
// the columnar NodeTable (what `ecsnodes nodes` uses) and one Node at a time.

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let target = 10_000_000.0

func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func rate(_ seconds: Double) -> String { String(format: "%7.1f M/s", Double(count) / seconds / 1e6) }

var nodes: [Node] = []
let generate = seconds { nodes = SyntheticFleet.nodes(count: count) }
var table = NodeTable()
let build = seconds { table = NodeTable(nodes) }
print("nodes: \(count) synthetic ECS containers (generated in \(String(format: "%.2f", generate)) s)")
print("table: built in \(String(format: "%.2f", build)) s (\(table.columns.count) columns, \(table.columns["ECS:Container-Image"]!.values.count) distinct images)")
print("")
print("filter                                              selected   columnar    ×target   one-at-a-time")

let filters: [(String, Filter)] = [
    ("-F 'ECS:Container-Image: .*spring.*'", try Filter(rundeck: "ECS:Container-Image: .*spring.*")),
    ("-F 'ECS:Task-Launch-Type: EC2'", try Filter(rundeck: "ECS:Task-Launch-Type: EC2")),
    ("-F 'ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2'", try Filter(rundeck: "ECS:Container-Image: .*spring.* !ECS:Task-Launch-Type: EC2")),
    ("-F 'tags: cluster-1+svc-2.*'", try Filter(rundeck: "tags: cluster-1+svc-2.*")),
    ("-F 'name: app3-.*'", try Filter(rundeck: "name: app3-.*")),
    ("-W 'ECS:CPU >= 1024 and (ECS:Container-Image *=i SPRING or tags = eu-west-1)'",
     try Filter(expression: "ECS:CPU >= 1024 and (ECS:Container-Image *=i SPRING or tags = eu-west-1)")),
]
for (label, filter) in filters {
    var selected = 0
    let columnar = (0..<5).map { _ in seconds { selected = filter.select(in: table).rows.cardinality } }.min()!
    var selectedOneByOne = 0
    let oneByOne = seconds {
        let scratch = RegexScratch()
        selectedOneByOne = nodes.reduce(0) { $0 + (filter.expression.matches($1, scratch: scratch) ? 1 : 0) }
    }
    precondition(selected == selectedOneByOne, "the two evaluations disagree on \(label)")
    let times = Double(count) / columnar / target
    print("\(label.padding(toLength: 50, withPad: " ", startingAt: 0)) \(String(format: "%8d", selected))  \(rate(columnar))  \(String(format: "%7.1f×", times))  \(rate(oneByOne))")
}
