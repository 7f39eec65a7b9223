import Yams

/// Rundeck's `resourceyaml` format.
///
/// Each YAML document (there may be several) is a map `name: {entry}`, whose key always
/// names the node, or a sequence of entries that each need a `nodename`; documents of any
/// other kind are ignored, as Rundeck's `NodesYamlParser` does. An entry that is null or
/// not a map is an error. When two entries name the same node, the later one wins.
///
/// Values follow Rundeck's `NodeEntryFactory` on top of SnakeYAML (YAML 1.1):
/// - plain `true`/`yes`/`on`… become `"true"`/`"false"`, plain integers (`0x1F`, `0o17`,
///   `1_000`, `017`) their decimal text, and nulls (`~`, `null`, empty) unset the key;
///   quoted scalars are kept as they are, and other plain scalars are kept as written
///   (floats and timestamps too, where Java would print its own rendering of the number
///   or date);
/// - nested maps and sequences become the text Java prints for them: `{k=v, k2=[a, b]}`;
/// - `tags` is a string split at `,`, each tag trimmed, empty ones dropped; or a sequence,
///   each element trimmed, empty ones dropped; any other value is a single tag;
/// - the keys `name`, `attributes`, `frameworkProject` and `class` are ignored (Rundeck
///   drops them too);
/// - merge keys (`<<: *defaults`) are applied, as SnakeYAML does.
///
/// Keys are taken as written; Rundeck fails on keys that YAML 1.1 does not type as
/// strings (`123:`), this reader accepts them. Duplicate keys in one map are an error
/// (libyaml's composer in Yams rejects them; SnakeYAML lets the last one win). A scalar
/// that starts with U+FEFF loses it (Yams decodes scalars with Foundation, which drops a
/// leading byte order mark).
///
/// https://docs.rundeck.com/docs/manual/document-format-reference/resource-yaml-v13.html
public enum ResourceYAML {
    /// Decodes every node of every document in `text`.
    public static func decode(_ text: String, file: String = "-") throws(NodeFileError) -> [Node] {
        let reader = YAMLReader(file: file, text: text)
        var nodes = NodeCollector()
        do {
            let parser = try Yams.Parser(yaml: text, resolver: .basic)
            while let document = try parser.nextRoot() {
                try reader.add(document, to: &nodes)
            }
        } catch let error as NodeFileError {
            throw error
        } catch let error as YamlError {
            throw NodeFileError(error, file: file, text: text)
        } catch {
            throw NodeFileError(file: file, kind: .yamlSyntax(String(describing: error)))
        }
        return nodes.takeUnique().map(\.node)
    }
}

extension NodeFileError {
    /// The error for a Yams parse failure, at libyaml's position.
    init(_ error: YamlError, file: String, text: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            self.init(file: file, position: Position(mark, in: text), kind: .yamlSyntax(problem))
        case .reader(let problem, let offset, _, _):
            let position = offset.map { characters in
                let index = text.index(text.startIndex, offsetBy: characters, limitedBy: text.endIndex) ?? text.endIndex
                var text = text
                let utf8Offset = text.utf8.distance(from: text.startIndex, to: index)
                return text.withUTF8 { Position(offset: utf8Offset, in: $0) }
            }
            self.init(file: file, position: position, kind: .yamlSyntax(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let position = Position(context.mark, in: text)
            self.init(file: file, position: position, kind: .yamlSyntax("duplicate key \(keys)"))
        default:
            self.init(file: file, kind: .yamlSyntax(error.description))
        }
    }
}

extension NodeFileError.Position {
    /// The position of a libyaml mark in `text`.
    init(_ mark: Mark, in text: String) {
        var text = text
        self = text.withUTF8 { Self(line: mark.line, column: mark.column, in: $0) }
    }
}
