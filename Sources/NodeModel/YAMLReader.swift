import Yams

/// Turns composed YAML documents into nodes with the rules of Rundeck's `NodesYamlParser`
/// and `NodeEntryFactory`; see ``ResourceYAML``.
struct YAMLReader {
    /// Nested values that take more nodes than this to print are refused (alias bombs).
    static let nodeBudget = 1_000_000

    let file: String
    let text: String

    func error(_ kind: NodeFileError.Kind, at mark: Mark?) -> NodeFileError {
        NodeFileError(file: file, position: mark.map { NodeFileError.Position($0, in: text) }, kind: kind)
    }

    /// Adds the nodes of one document: a map of entries by name, or a sequence of entries.
    func add(_ document: Yams.Node, to nodes: inout NodeCollector) throws(NodeFileError) {
        switch document {
        case .mapping(let mapping):
            for (key, value) in try pairs(of: mapping) {
                let name = try keyText(key)
                guard case .mapping(let entry) = value else {
                    throw error(.entryNotAMap(name: name), at: value.mark ?? key.mark)
                }
                if let node = try node(from: entry, name: name) { nodes.add(node, range: 0..<0) }
            }
        case .sequence(let sequence):
            for element in sequence {
                guard case .mapping(let entry) = element else {
                    throw error(.entryNotAMap(name: nil), at: element.mark)
                }
                guard let node = try node(from: entry, name: nil) else { throw error(.missingNodename, at: entry.mark) }
                nodes.add(node, range: 0..<0)
            }
        case .scalar, .alias:
            break
        }
    }

    /// The node of one entry; `name`, the map-form key, wins over the entry's `nodename`.
    /// Nil for a sequence entry without a `nodename`.
    private func node(from entry: Yams.Node.Mapping, name: String?) throws(NodeFileError) -> Node? {
        var attributes: [String: String] = [:]
        var ownName: String?
        var tags: [String] = []
        for (key, value) in try pairs(of: entry) {
            switch try keyText(key) {
            case "name", "attributes", "frameworkProject", "class":
                continue
            case "nodename":
                ownName = try text(of: value)
            case "tags":
                tags = try self.tags(of: value)
            case let attribute:
                attributes[attribute] = try text(of: value)
            }
        }
        guard let name = name ?? ownName else { return nil }
        return Node(name: name, attributes: attributes, tags: tags)
    }

    /// The mapping with merge keys (`<<`) applied as SnakeYAML does: the mapping's own
    /// keys win over merged ones, earlier merged maps over later ones.
    func pairs(of mapping: Yams.Node.Mapping) throws(NodeFileError) -> Yams.Node.Mapping {
        guard mapping.contains(where: { isMergeKey($0.key) }) else { return mapping }
        var own: [(Yams.Node, Yams.Node)] = []
        var merged: [(Yams.Node, Yams.Node)] = []
        for (key, value) in mapping {
            guard isMergeKey(key) else {
                own.append((key, value))
                continue
            }
            let sources: [Yams.Node] = if case .sequence(let sequence) = value { Array(sequence) } else { [value] }
            for source in sources {
                guard case .mapping(let map) = source else {
                    throw error(.yamlSyntax("expected a map or a sequence of maps to merge"), at: source.mark)
                }
                merged += try pairs(of: map).map { ($0.key, $0.value) }
            }
        }
        var seen = Set<String>()
        var result: [(Yams.Node, Yams.Node)] = []
        for pair in own + merged {
            if seen.insert(try keyText(pair.0)).inserted { result.append(pair) }
        }
        return Yams.Node.Mapping(result, mapping.tag, mapping.style, mapping.mark)
    }

    private func isMergeKey(_ key: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = key, scalar.style == .plain, scalar.string == "<<" else { return false }
        return YAMLScalar.isImplicit(scalar, isKey: true) || scalar.tag.description == Tag.Name.merge.rawValue
    }

    /// A key's text: scalars as written, anything else as Java prints it.
    func keyText(_ key: Yams.Node) throws(NodeFileError) -> String {
        if case .scalar(let scalar) = key { return scalar.string }
        return try javaText(of: key).rendered
    }

    /// An attribute's text: typed scalars as Java prints them, nested values as Java prints
    /// them, nil for null.
    func text(of value: Yams.Node) throws(NodeFileError) -> String? {
        switch try javaText(of: value) {
        case .null: nil
        case .scalar(let text): text
        case let nested: nested.rendered
        }
    }

    /// The tags of an entry: a string split at commas, a sequence, or one tag of any other
    /// value; each trimmed, empty ones dropped.
    func tags(of value: Yams.Node) throws(NodeFileError) -> [String] {
        switch value {
        case .scalar(let scalar):
            switch YAMLScalar(scalar) {
            case .null: return []
            case .string(let text): return text.trimmedCommaSeparated
            case .typed(let text): return [text.javaTrimmed]
            }
        case .sequence(let sequence):
            var tags: [String] = []
            for element in sequence {
                if let tag = try text(of: element)?.javaTrimmed, !tag.isEmpty { tags.append(tag) }
            }
            return tags
        case .mapping, .alias:
            return [try javaText(of: value).rendered.javaTrimmed]
        }
    }

    /// The value as Java sees it after SnakeYAML's SafeConstructor.
    func javaText(of value: Yams.Node) throws(NodeFileError) -> JavaText {
        var budget = Self.nodeBudget
        guard let text = try javaText(of: value, budget: &budget) else { throw error(.valueTooLarge, at: value.mark) }
        return text
    }

    /// Nil once `budget` nodes have been visited.
    private func javaText(
        of value: Yams.Node, budget: inout Int, isKey: Bool = false
    ) throws(NodeFileError) -> JavaText? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch value {
        case .scalar(let scalar):
            return switch YAMLScalar(scalar, isKey: isKey) {
            case .null: .null
            case .string(let text), .typed(let text): .scalar(text)
            }
        case .sequence(let sequence):
            var elements: [JavaText] = []
            for element in sequence {
                guard let text = try javaText(of: element, budget: &budget) else { return nil }
                elements.append(text)
            }
            return .list(elements)
        case .mapping(let mapping):
            var pairs: [(key: String, value: JavaText)] = []
            for (key, value) in try self.pairs(of: mapping) {
                guard let keyText = try javaText(of: key, budget: &budget, isKey: true),
                      let valueText = try javaText(of: value, budget: &budget)
                else { return nil }
                pairs.append((keyText.rendered, valueText))
            }
            return .map(pairs)
        case .alias:
            return .null
        }
    }
}
