import Foundation

/// The process environment as the AWS settings see it, injectable so tests pin it.
public struct AWSEnvironment: Sendable {
    /// Environment variables.
    public var variables: [String: String]
    /// The home directory, for `~` in paths.
    public var homeDirectory: String

    public init(variables: [String: String], homeDirectory: String? = nil) {
        self.variables = variables
        self.homeDirectory = homeDirectory ?? variables["HOME"] ?? NSHomeDirectory()
    }

    /// This process's environment.
    public static var current: AWSEnvironment { AWSEnvironment(variables: ProcessInfo.processInfo.environment) }

    /// The variable's value; an empty value counts as unset, as the SDKs treat it.
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// `path` with a leading `~` and `$NAME` / `${NAME}` expanded (unknown names stay as they
    /// are, as Python's `expandvars` leaves them).
    public func expandingPath(_ path: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") { path = homeDirectory + path.dropFirst() }
        var result = ""
        var rest = path[...]
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            var after = rest[rest.index(after: dollar)...]
            let braced = after.first == "{"
            if braced { after = after.dropFirst() }
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let closes = !braced || after.dropFirst(name.count).first == "}"
            if !name.isEmpty, closes, let value = variables[String(name)] {
                result += value
                rest = after.dropFirst(name.count + (braced ? 1 : 0))
            } else {
                result += "$"
                rest = rest[rest.index(after: dollar)...]
            }
        }
        return result + rest
    }
}
