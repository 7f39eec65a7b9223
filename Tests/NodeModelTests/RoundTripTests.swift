import Foundation
import NodeModel
import Testing

/// Values chosen to break naive writers: YAML's typed words, JSON and YAML syntax,
/// whitespace at the ends, control characters, non-ASCII.
private let nastyValues = [
    "", " ", " lead", "trail ", "yes", "no", "No", "on", "off", "null", "~", "123", "-1", "1e3", "0x1F", "017",
    "1:30", ".inf", "2024-01-02", "key: value", "- item", "#comment", "a #b", "? q", "quote\"s", "'single'",
    "back\\slash", "new\nline", "crlf\r\n", "tab\t", "nul\u{0}", "del\u{7F}", "nel\u{85}", "ls\u{2028}",
    "bom\u{FEFF}", "é", "ünïcödé", "日本語", "emoji 😀👍🏽", "{a=b}", "[x]", "&anchor", "*alias", "!tag",
    "%percent", "@at", "`tick", "|", ">", "a,b", ", ", "---", "...", "<<", "=",
    String(repeating: "long ", count: 2000),
]

/// Attribute names: Rundeck's own, ECS's namespaced ones, and awkward ones.
private let nastyKeys = [
    "hostname", "username", "osFamily", "description", "ECS:Container-Image", "ECS:Task-ARN", "yes", "123",
    "with space", "-dash", "#hash", "ünï", "", "a\"b", "x:", "tab\tkey", "new\nline",
]

/// Tags that survive both formats: no commas, no whitespace at the ends, not empty.
private let safeTags = [
    "web", "yes", "null", "123", "a b", "ünïcödé", "emoji😀", "key: value", "#x", "q\"t", "b\\s",
]

/// Encode then decode gives the same nodes, in both formats.
struct RoundTripTests {
    @Test func nastyValuesRoundTrip() throws {
        var nodes: [Node] = []
        for (i, value) in nastyValues.enumerated() {
            let key = nastyKeys[i % nastyKeys.count]
            let name = i.isMultiple(of: 3) ? value + "-\(i)" : "node\(i)"
            nodes.append(Node(name: name, attributes: [key: value, "v": value], tags: [safeTags[i % safeTags.count]]))
        }
        try expectRoundTrip(nodes)
    }

    @Test func randomNodesRoundTrip() throws {
        var random = SplitMix64(seed: 0x5EED)
        var nodes: [Node] = []
        for i in 0..<300 {
            var attributes: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                attributes[randomText(using: &random)] = randomText(using: &random)
            }
            let tags = (0..<Int.random(in: 0...3, using: &random)).map { _ in safeTags.randomElement(using: &random)! }
            nodes.append(Node(name: randomText(using: &random) + "#\(i)", attributes: attributes, tags: tags))
        }
        try expectRoundTrip(nodes)
    }

    @Test func jsonOutputIsValidJSONWithTheSameStrings() throws {
        let nodes = nastyValues.enumerated().map { Node(name: "n\($0.offset)", attributes: ["v": $0.element]) }
        let data = Data(ResourceJSON.encode(nodes).utf8)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: String]])
        #expect(parsed == Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0.allAttributes) }))
    }

    private func expectRoundTrip(_ nodes: [Node], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = nodes.sorted { $0.name < $1.name }
        let json = ResourceJSON.encode(nodes)
        let yaml = ResourceYAML.encode(nodes)
        expectSame(try decodeJSON(json), expected, text: json, sourceLocation: sourceLocation)
        expectSame(try ResourceYAML.decode(yaml), expected, text: yaml, sourceLocation: sourceLocation)
        let projected = try ResourceJSON.decode(Array(ResourceJSON.encode(nodes).utf8), keeping: ["v", "hostname"])
        #expect(projected.map(\.node.name) == expected.map(\.name), sourceLocation: sourceLocation)
    }

    /// Expects equal node lists, reporting the first differing node and how it differs.
    private func expectSame(_ decoded: [Node], _ expected: [Node], text: String, sourceLocation: SourceLocation) {
        #expect(decoded.count == expected.count, sourceLocation: sourceLocation)
        guard let (got, want) = zip(decoded, expected).first(where: { $0 != $1 }) else { return }
        let keys = Set(got.allAttributes.keys).union(want.allAttributes.keys).sorted()
        let differences = keys.filter { got.allAttributes[$0] != want.allAttributes[$0] }.map { key in
            let (gotValue, wantValue) = (got.allAttributes[key], want.allAttributes[key])
            return "\(key.debugDescription): \(String(reflecting: gotValue)) != \(String(reflecting: wantValue))"
        }
        Issue.record("node \(want.name.debugDescription) differs: \(differences)", sourceLocation: sourceLocation)
    }

    /// Text from a pool weighted towards trouble: YAML indicators, quotes, escapes,
    /// control characters, multi-byte scalars; never a key Rundeck's YAML reader drops,
    /// never a leading U+FEFF (see below).
    private func randomText(using random: inout SplitMix64) -> String {
        let pool: [Character] = Array(
            "abcXYZ019 _-:,.#&*!|>'\"%@`{}[]?\\/\t\n\r\u{0}\u{1F}\u{7F}\u{85}\u{A0}\u{2028}\u{FEFF}éü日😀")
        if Int.random(in: 0..<10, using: &random) == 0 {
            return nastyValues.randomElement(using: &random)!
        }
        var text = String((0..<Int.random(in: 0...12, using: &random)).map { _ in pool.randomElement(using: &random)! })
        // Yams makes scalar strings with Foundation's String(bytes:encoding:), which drops a
        // leading byte order mark; U+FEFF anywhere else round-trips.
        if text.hasPrefix("\u{FEFF}") { text = "x" + text }
        let reserved = ["name", "attributes", "frameworkProject", "class", "nodename", "tags"]
        return reserved.contains(text) ? text + "_" : text
    }
}
