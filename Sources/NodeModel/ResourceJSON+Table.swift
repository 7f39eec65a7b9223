import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ResourceJSON {
    /// Reads a resource-json document straight into a ``NodeTable`` that holds only the named
    /// attributes (and the tags only if `attributes` names `tags`), with each row's entry
    /// range for ``decodeEntry(_:range:key:file:)``.
    ///
    /// This is the fast path for queries: no `Node` and no dictionary per entry, no string
    /// for an attribute the filter does not read, and none for a value its column already
    /// holds. A large document is read in two halves on two threads: the second half starts
    /// at a likely entry boundary, and is used only if the first half's walk meets that
    /// boundary exactly (else the first walk simply reads on to the end). Duplicate names
    /// resolve as in the full read: the later entry wins, in the earlier one's place.
    public static func decodeTable(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String = "-", keeping attributes: Set<String>
    ) throws(NodeFileError) -> (table: NodeTable, ranges: [Range<Int>]) {
        let read = try readTable(bytes, file: file, keeping: attributes)
        return (read.table, read.ranges)
    }

    /// ``decodeTable(_:file:keeping:)``, also telling how many walks (1 or 2) made the table.
    static func readTable(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, keeping attributes: Set<String>
    ) throws(NodeFileError) -> (table: NodeTable, ranges: [Range<Int>], walks: Int) {
        var first = TableBuilder(keeping: attributes)
        var walker = try EntryWalker(document: bytes, file: file)
        guard bytes.count >= 4 << 20, System.processorCount > 1,
              let split = EntryWalker.likelyEntryStart(near: bytes.count / 2, in: bytes, container: walker.container)
        else {
            _ = try walker.run(stoppingAt: nil) { scanner, key, start throws(NodeFileError) in try first.add(&scanner, key, start) }
            return first.finish(walks: 1)
        }
        let second = SecondHalf(bytes: bytes, file: file, container: walker.container, split: split, attributes: attributes)
        second.start()
        let met: Bool
        do throws(NodeFileError) {
            met = try walker.run(stoppingAt: split) { scanner, key, start throws(NodeFileError) in try first.add(&scanner, key, start) }
        } catch {
            _ = second.wait()  // the other thread reads `bytes`: never return before it is done
            throw error
        }
        let (rest, error) = second.wait()
        guard met else { return first.finish(walks: 1) }
        if let error { throw error }
        first.append(rest!)
        return first.finish(walks: 2)
    }
}

/// The second half of a document, read on its own thread.
///
/// `@unchecked Sendable`: the bytes are read-only, and the results are written by the
/// worker before `group.leave()` and read by the caller only after `group.wait()`.
private final class SecondHalf: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let container: EntryWalker.Container
    let split: Int
    let attributes: Set<String>
    private let group = DispatchGroup()
    private var result: TableBuilder?
    private var error: NodeFileError?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, container: EntryWalker.Container, split: Int, attributes: Set<String>) {
        self.bytes = bytes
        self.file = file
        self.container = container
        self.split = split
        self.attributes = attributes
    }

    func start() {
        group.enter()
        // A queue of its own targets Dispatch's overcommitting pool, which starts a thread even
        // when the caller is the pool's only thread (one CPU, or inside Swift concurrency) and
        // blocks in `wait()`; `DispatchQueue.global()` could then stall until the pool grows.
        DispatchQueue(label: "ecsnodes.resource-json.second-half").async {
            defer { self.group.leave() }
            do throws(NodeFileError) {
                self.result = try self.read()
            } catch {
                self.error = error
            }
        }
    }

    private func read() throws(NodeFileError) -> TableBuilder {
        var builder = TableBuilder(keeping: attributes)
        var walker = EntryWalker(resumingAt: split, in: container, bytes: bytes, file: file)
        _ = try walker.run(stoppingAt: nil) { scanner, key, start throws(NodeFileError) in try builder.add(&scanner, key, start) }
        return builder
    }

    func wait() -> (TableBuilder?, NodeFileError?) {
        group.wait()
        return (result, error)
    }
}

enum System {
    /// Processors this process may run on.
    static var processorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
