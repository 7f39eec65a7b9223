/// A Rundeck resource model format: `resourcejson` or `resourceyaml`.
public enum ResourceFormat: String, Sendable, CaseIterable {
    /// `resourcejson`: see ``ResourceJSON``.
    case json
    /// `resourceyaml`: see ``ResourceYAML``.
    case yaml

    /// The format Rundeck picks for a file extension (`json`; `yaml` or `yml`), with or
    /// without the leading dot, in any case.
    public init?(fileExtension: String) {
        var ext = Substring(fileExtension)
        if ext.first == "." { ext = ext.dropFirst() }
        switch ext.lowercased() {
        case "json": self = .json
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }

    /// The format of a file's contents: JSON if the first byte after whitespace (and a UTF-8
    /// byte order mark) is `{` or `[`, YAML otherwise.
    public static func sniff(_ bytes: some RandomAccessCollection<UInt8>) -> ResourceFormat {
        let bytes = Array(bytes.prefix(4096))
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                return .json
            default:
                return .yaml
            }
        }
        return .yaml
    }

    /// The format for a path: from its extension, else from its contents.
    static func detect(path: String, contents: some RandomAccessCollection<UInt8>) -> ResourceFormat {
        let name = path.split(separator: "/").last ?? ""
        if let dot = name.lastIndex(of: "."), let format = ResourceFormat(fileExtension: String(name[dot...])) {
            return format
        }
        return sniff(contents)
    }
}
