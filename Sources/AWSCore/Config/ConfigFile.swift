/// An INI file as the AWS CLI and SDKs for Python read `~/.aws/config` and
/// `~/.aws/credentials` (Python's `RawConfigParser`, aws-core.md §2.3).
///
/// Whole-line comments start with `#` or `;`; inline comments are part of the value; keys are
/// lower-cased; `=` or `:` separates key and value; an indented line after a key continues its
/// value. A duplicate section, a duplicate key, a key before any section or a line that is
/// none of these is an error: the SDKs stop resolving credentials on it, and so do we.
public struct ConfigFile: Sendable, Equatable {
    /// Sections in file order, each with its keys.
    public var sections: [(name: String, values: [String: String])]

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.sections.map(\.name) == rhs.sections.map(\.name) && lhs.sections.map(\.values) == rhs.sections.map(\.values)
    }

    /// Parses `text`; `path` names the file in errors.
    public init(parsing text: String, path: String) throws(ConfigFileError) {
        var sections: [(name: String, values: [String: String])] = []
        var current: (key: String, indent: Int)?
        // "\r\n" is one Character in Swift: split on both spellings of a line end.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            let content = line.trimmingWhitespace
            let lineNumber = index + 1
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if let option = current, indent > option.indent, !sections.isEmpty {
                sections[sections.count - 1].values[option.key, default: ""] += "\n" + content
                continue
            }
            if content.hasPrefix("["), let close = content.lastIndex(of: "]"), close > content.index(after: content.startIndex) {
                let name = String(content[content.index(after: content.startIndex)..<close])
                guard !sections.contains(where: { $0.name == name }) else {
                    throw ConfigFileError(path: path, line: lineNumber, kind: .duplicateSection(name))
                }
                sections.append((name, [:]))
                current = nil
                continue
            }
            guard !sections.isEmpty else { throw ConfigFileError(path: path, line: lineNumber, kind: .keyBeforeSection) }
            guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw ConfigFileError(path: path, line: lineNumber, kind: .notAKeyValue)
            }
            let key = content[..<delimiter].trimmingWhitespace.lowercased()
            let value = content[content.index(after: delimiter)...].trimmingWhitespace
            guard sections[sections.count - 1].values[key] == nil else {
                throw ConfigFileError(path: path, line: lineNumber, kind: .duplicateKey(key))
            }
            sections[sections.count - 1].values[key] = String(value)
            current = (key, indent)
        }
        self.sections = sections
    }

    /// The keys of section `name`, if the file has it.
    public subscript(section name: String) -> [String: String]? {
        sections.first { $0.name == name }?.values
    }
}

/// A shared config or credentials file that cannot be parsed.
public struct ConfigFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A section header appears twice in one file.
        case duplicateSection(String)
        /// A key appears twice in one section.
        case duplicateKey(String)
        /// A `key = value` line before the first `[section]` (also a file starting with a BOM).
        case keyBeforeSection
        /// A line that is neither a section, a `key = value`, a comment nor a continuation.
        case notAKeyValue
    }

    public var path: String
    public var line: Int
    public var kind: Kind

    public var description: String {
        let what = switch kind {
        case .duplicateSection(let name): "section [\(name)] appears twice"
        case .duplicateKey(let key): "key '\(key)' appears twice in its section"
        case .keyBeforeSection: "a key before the first [section] (or a byte order mark)"
        case .notAKeyValue: "expected 'key = value', a [section] or a comment"
        }
        return "\(path):\(line): \(what)"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Python's `str.strip()` for these files).
    var trimmingWhitespace: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
