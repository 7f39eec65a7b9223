import AWSSigner
import Foundation
import NodeModel
#if canImport(Glibc)
import Glibc
#endif

/// Nodes cached on disk between runs, one file per source: a run within the maximum age
/// reads the file and makes no API call.
///
/// Files are resource-json (what `ecsnodes nodes -o json` writes), created with mode 0600 in
/// a 0700 folder, and replaced atomically (written to a temporary file, then renamed), so a
/// reader never sees half a file and a failed poll never leaves one behind. The file's
/// modification time is its age.
public struct NodeCache: Sendable {
    /// The folder: `--cache-dir`, else `$XDG_CACHE_HOME/ecsnodes`, else `~/.cache/ecsnodes`.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The default folder for an environment.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let base = environment["XDG_CACHE_HOME"], !base.isEmpty { return base + "/ecsnodes" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/ecsnodes"
    }

    /// The cache key of a source: the SHA-256 of its settings and of who asks (the profile or
    /// access key id, never a secret), so different accounts never share a file.
    public static func key(source: some Encodable, identity: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let settings = (try? encoder.encode(source)) ?? Data()
        return SHA256.hexDigest(Array(settings) + Array("\n\(identity)".utf8))
    }

    /// The path of the file for `key`.
    public func path(for key: String) -> String { "\(directory)/nodes-\(key).json" }

    /// The cached nodes, if the file exists, is younger than `maxAge` and reads back.
    public func load(key: String, maxAge: Duration, now: Date = Date()) -> [Node]? {
        guard let path = freshFile(key: key, maxAge: maxAge, now: now),
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? ResourceJSON.decode(Array(data), file: path)
    }

    /// The path of the cache file for `key` if it exists and is younger than `maxAge`: a
    /// resource-json file, for readers that take only what they need from it.
    public func freshFile(key: String, maxAge: Duration, now: Date = Date()) -> String? {
        let path = path(for: key)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              now.timeIntervalSince(modified) >= 0,
              now.timeIntervalSince(modified) < Double(maxAge.components.seconds) + Double(maxAge.components.attoseconds) / 1e18
        else { return nil }
        return path
    }

    /// Writes `nodes` for `key`, replacing the previous file atomically.
    public func store(_ nodes: [Node], key: String) throws(NodeCacheError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(directory, error.localizedDescription)
        }
        let final = path(for: key)
        let temporary = "\(final).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(temporary, errnoText()) }
        let bytes = Array(ResourceJSON.encode(nodes).utf8)
        let written = bytes.withUnsafeBytes { buffer in write(fd, buffer.baseAddress, buffer.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, final) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw .cannotWrite(final, reason)
        }
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The node cache could not be written (reading failures just mean "poll again").
public enum NodeCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file or folder of the cache could not be created or replaced; path and system error.
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write the node cache \(path): \(reason) (use --cache-dir, or --max-age 0 to skip the cache)"
        }
    }
}
