import NodeModel

/// A command with `${node.ATTRIBUTE}` references, filled in per node as Rundeck's data
/// context does: `${node.name}`, `${node.hostname}`, `${node.ECS:Task-ID}`.
///
/// Each value is put in as one single-quoted shell word (``ShellQuoting/quote(_:)``), so a value
/// such as `$(touch /tmp/x)`, a backtick or a quote is passed to the command as text and never
/// run. `${node.name}` and `${node.nodename}` are the node name, `${node.tags}` its tags joined
/// with `", "`. Other `${…}` (shell variables) are left alone.
public struct CommandTemplate: Sendable, Hashable {
    /// A piece of the command: literal text or a reference.
    enum Part: Sendable, Hashable {
        case text(String)
        case attribute(String)
    }

    /// The command as written.
    public let source: String
    let parts: [Part]

    public init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "${node.") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            parts.append(.attribute(String(rest[open.upperBound..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The attributes the command refers to, in order of first use.
    public var attributeNames: [String] {
        var seen: Set<String> = []
        return parts.compactMap { part in
            guard case .attribute(let name) = part, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// Whether the command refers to no attribute (it is the same on every node).
    public var isConstant: Bool { attributeNames.isEmpty }

    /// The command for `node`, each value shell-quoted; throws naming the first attribute the
    /// node lacks.
    public func render(for node: Node) throws(CommandTemplateError) -> String {
        var command = ""
        for part in parts {
            switch part {
            case .text(let text):
                command += text
            case .attribute(let name):
                guard let value = Self.value(of: name, in: node) else {
                    throw .missingAttribute(name: name, node: node.name)
                }
                command += ShellQuoting.quote(value)
            }
        }
        return command
    }

    /// The value `${node.NAME}` stands for.
    static func value(of name: String, in node: Node) -> String? {
        name == "name" ? node.name : node[attribute: name]
    }
}

/// A command template that cannot be filled in.
public enum CommandTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The node has no attribute of that name.
    case missingAttribute(name: String, node: String)

    public var description: String {
        switch self {
        case .missingAttribute(let name, let node):
            "the command refers to ${node.\(name)}, but node \(node) has no attribute '\(name)'"
        }
    }
}
