import Foundation

/// The element texts of an XML answer from an AWS query API (STS, IAM), read by a scanner
/// just big enough for them.
///
/// Each element's text is kept under the path of local names leading to it (namespace
/// prefixes and attributes dropped): `AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId`.
/// Comments, the XML declaration and DOCTYPE are skipped, CDATA is text, and the five
/// predefined entities and numeric references are decoded. Anything not well-nested is
/// rejected rather than guessed at.
struct QueryXML {
    /// Every element, in the order it closes, with its path and trimmed text.
    private(set) var elements: [(path: [String], text: String)] = []

    /// Scans `bytes`; nil when they are not well-nested XML.
    init?(_ bytes: [UInt8]) {
        var stack: [String] = []
        var text: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                text.append(bytes[index])
                index += 1
                continue
            }
            if Self.starts(bytes, at: index, with: "<!--") {
                guard let end = Self.find("-->", in: bytes, from: index + 4) else { return nil }
                index = end + 3
            } else if Self.starts(bytes, at: index, with: "<![CDATA[") {
                guard let end = Self.find("]]>", in: bytes, from: index + 9) else { return nil }
                text += bytes[(index + 9)..<end]
                index = end + 3
            } else {
                guard let end = Self.tagEnd(bytes, from: index + 1) else { return nil }
                let tag = bytes[(index + 1)..<end]
                index = end + 1
                if tag.first == UInt8(ascii: "?") || tag.first == UInt8(ascii: "!") { continue }
                if tag.first == UInt8(ascii: "/") {
                    guard let open = stack.last, open == Self.localName(tag.dropFirst()) else { return nil }
                    elements.append((stack, Self.decode(text)))
                    stack.removeLast()
                } else if tag.last != UInt8(ascii: "/") {
                    stack.append(Self.localName(tag))
                }
                text = []
            }
        }
        guard stack.isEmpty, !elements.isEmpty else { return nil }
    }

    /// The text of the first element whose path ends with `suffix` (`Error/Code`).
    func text(_ suffix: String) -> String? {
        let wanted = suffix.split(separator: "/").map(String.init)
        return elements.first { $0.path.count >= wanted.count && Array($0.path.suffix(wanted.count)) == wanted }?.text
    }

    /// The element name of a tag's contents, without attributes or a namespace prefix.
    private static func localName(_ tag: ArraySlice<UInt8>) -> String {
        let name = tag.prefix { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "/")].contains($0) }
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[(($0) + 1)...] } ?? name
        return String(decoding: local, as: UTF8.self)
    }

    /// The index of the `>` that closes a tag starting at `start`, skipping quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8?
        for index in start..<bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
        }
        return nil
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: String) -> Bool {
        bytes[index...].starts(with: prefix.utf8)
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0...].starts(with: needle) }
    }

    /// Text with entities and character references decoded and surrounding whitespace trimmed.
    private static func decode(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";"), let decoded = entity(after[..<semicolon]) else {
                result += "&"
                rest = after
                continue
            }
            result.unicodeScalars.append(decoded)
            rest = after[after.index(after: semicolon)...]
        }
        result += rest
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func entity(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "lt": "<"
        case "gt": ">"
        case "amp": "&"
        case "quot": "\""
        case "apos": "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") { UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if name.hasPrefix("#") { UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            else { nil }
        }
    }
}
