#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading resource model files (or standard input) in either format.
public enum NodeFile {
    /// A file's bytes and format, read but not decoded: for callers that want
    /// ``ResourceJSON/decode(_:file:keeping:)`` rather than a full decode.
    public struct Contents: Sendable {
        /// The name errors use: the path, or `<stdin>`.
        public var file: String
        /// The whole file.
        public var bytes: [UInt8]
        /// The format given, or else the one the extension or the contents indicate.
        public var format: ResourceFormat

        public init(file: String, bytes: [UInt8], format: ResourceFormat) {
            self.file = file
            self.bytes = bytes
            self.format = format
        }

        /// Decodes every node with all its attributes.
        public func decode() throws(NodeFileError) -> [Node] {
            switch format {
            case .json:
                return try ResourceJSON.decode(bytes, file: file)
            case .yaml:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    let position = bytes.withUnsafeBufferPointer { bytes in
                        let offset = UTF8Validation.firstInvalidOffset(in: bytes, 0..<bytes.count) ?? 0
                        return NodeFileError.Position(offset: offset, in: bytes)
                    }
                    throw NodeFileError(file: file, position: position, kind: .invalidUTF8)
                }
                return try ResourceYAML.decode(text, file: file)
            }
        }
    }

    /// Reads and decodes the file at `path` (`-` for standard input). The format is
    /// `format` if given, else the file extension's, else sniffed from the contents.
    public static func read(path: String, format: ResourceFormat? = nil) throws(NodeFileError) -> [Node] {
        try load(path: path, format: format).decode()
    }

    /// Reads the file at `path` (`-` for standard input) without decoding it, and settles
    /// its format as ``read(path:format:)`` does.
    public static func load(path: String, format: ResourceFormat? = nil) throws(NodeFileError) -> Contents {
        let isStandardInput = path == "-"
        let file = isStandardInput ? "<stdin>" : path
        let bytes = try readAll(path: isStandardInput ? nil : path, file: file)
        let format = format ?? (isStandardInput ? .sniff(bytes) : .detect(path: path, contents: bytes))
        return Contents(file: file, bytes: bytes, format: format)
    }

    /// The whole contents of `path`, or of standard input when nil.
    private static func readAll(path: String?, file: String) throws(NodeFileError) -> [UInt8] {
        func failure() -> NodeFileError {
            NodeFileError(file: file, kind: .unreadable(String(cString: strerror(errno))))
        }
        let fd: Int32
        if let path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure() }
        } else {
            fd = STDIN_FILENO
        }
        defer { if path != nil { close(fd) } }

        var info = stat()
        var capacity = 64 * 1024
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            capacity = Int(info.st_size) + 1
        }
        var bytes: [UInt8] = []
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(capacity - bytes.count, bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}

/// `read(2)`, under a name that `NodeFile.read(path:format:)` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
