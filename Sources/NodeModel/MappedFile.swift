#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A node file's bytes, memory-mapped when it is a regular file (no copy, no page zeroing:
/// a 200 MB inventory is scanned straight from the page cache), else read into memory.
///
/// `@unchecked Sendable`: the bytes are never written after `open` and are released only in
/// `deinit`.
public final class MappedFile: @unchecked Sendable {
    /// The name errors use: the path, or `<stdin>`.
    public let file: String
    /// The format given, or else the one the extension or the contents indicate.
    public let format: ResourceFormat
    /// The whole file.
    public let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    private init(file: String, format: ResourceFormat, bytes: UnsafeBufferPointer<UInt8>, mapped: Bool) {
        self.file = file
        self.format = format
        self.bytes = bytes
        self.mapped = mapped
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            bytes.deallocate()
        }
    }

    /// Opens `path` (`-` for standard input); the format is settled as ``NodeFile/load(path:format:)`` does.
    public static func open(path: String, format: ResourceFormat? = nil) throws(NodeFileError) -> MappedFile {
        if path != "-", let mapped = try map(path, format: format) { return mapped }
        let contents = try NodeFile.load(path: path, format: format)
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(contents.bytes.count, 1))
        _ = copy.initialize(from: contents.bytes)
        return MappedFile(file: contents.file, format: contents.format,
                          bytes: UnsafeBufferPointer(rebasing: copy[..<contents.bytes.count]), mapped: false)
    }

    /// Maps a non-empty regular file; nil for anything else (pipes, empty files).
    private static func map(_ path: String, format: ResourceFormat?) throws(NodeFileError) -> MappedFile? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw NodeFileError(file: path, kind: .unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else { return nil }
        let count = Int(info.st_size)
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), address != MAP_FAILED else {
            return nil
        }
        let bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
        return MappedFile(file: path, format: format ?? .detect(path: path, contents: bytes), bytes: bytes, mapped: true)
    }
}
