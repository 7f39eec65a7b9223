/// Takes the PTY stream of a wrapped command (see ``CommandWrapper``) chunk by chunk and
/// gives back exactly the bytes the command wrote, and its exit status once the end line
/// arrives.
///
/// - Everything before the begin line (`<marker> begin raw|crlf`) is held apart as the
///   ``preamble``: a shell or agent error when the wrapper never started.
/// - In `crlf` mode (the PTY still turns LF into CRLF) every CRLF becomes LF.
/// - The end line `<marker> end <status>\n` is removed. It follows the command's last byte
///   directly (on the same line when the output does not end with a newline), so a trailing
///   newline is never held back and every complete line can be shown at once. Only bytes that
///   could be the start of the marker are held until the next chunk tells, so a marker split
///   across any number of chunks is found, and nothing is lost or reordered.
/// - Bytes after the end line are ignored.
public struct OutputCleaner: Sendable {
    /// Whether the PTY's output translation could be turned off.
    public enum Mode: String, Sendable, Hashable {
        /// `stty -onlcr` worked: the bytes are the command's own.
        case raw
        /// It did not: CRLF is turned back into LF (a CRLF the command wrote becomes LF too).
        case crlf
    }

    enum State: Sendable {
        case preamble
        case body
        case trailer
        case done
    }

    private let beginNeedle: [UInt8]
    private let endNeedle: [UInt8]
    private var state = State.preamble
    /// Bytes not yet given out: the preamble, a possible start of the end line, or the trailer.
    private var held: [UInt8] = []
    /// A CR at the end of the last chunk, in `crlf` mode, waiting to see whether LF follows.
    private var heldCR = false

    /// What arrived before the begin line (at most ``preambleLimit`` bytes, the last ones).
    public private(set) var preamble: [UInt8] = []
    /// The mode the begin line announced; nil until it arrives.
    public private(set) var mode: Mode?
    /// The status the end line reported; nil until it arrives.
    public private(set) var exitStatus: Int32?

    /// The most preamble bytes kept.
    public static let preambleLimit = 4096

    public init(marker: ExitMarker) {
        beginNeedle = Array("\(marker.text) begin ".utf8)
        endNeedle = Array("\(marker.text) end ".utf8)
    }

    /// Whether the begin line has arrived: the command was started.
    public var started: Bool { mode != nil }
    /// Whether the end line has arrived.
    public var finished: Bool { exitStatus != nil }

    /// Feeds one chunk of the stream; returns the command's bytes that are now certain.
    public mutating func consume(_ chunk: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        consume(chunk, into: &output)
        return output
    }

    /// Feeds one chunk of the stream, appending the command's bytes that are now certain to `output`.
    public mutating func consume(_ chunk: some Collection<UInt8>, into output: inout [UInt8]) {
        switch state {
        case .done:
            return
        case .preamble:
            held.append(contentsOf: chunk)
            guard let rest = takeBeginLine() else { return }
            state = .body
            consumeBody(rest, into: &output)
        case .body:
            consumeBody(chunk, into: &output)
        case .trailer:
            held.append(contentsOf: chunk)
            takeTrailer()
        }
    }

    /// Ends the stream: returns the bytes still held back (the stream ended without an end
    /// line, so they were the command's).
    public mutating func finish() -> [UInt8] {
        guard state == .body else { return [] }
        var output = held
        if heldCR { output.append(0x0D) }
        held = []
        heldCR = false
        state = .done
        return output
    }

    // MARK: - Stages

    /// Finds `<marker> begin MODE\r?\n` in `held`; on success records the mode and preamble
    /// and returns what follows it.
    private mutating func takeBeginLine() -> [UInt8]? {
        guard let start = held.firstRange(of: beginNeedle),
              let newline = held[start.upperBound...].firstIndex(of: 0x0A) else {
            if held.count > Self.preambleLimit + beginNeedle.count + 8 {
                held.removeFirst(held.count - Self.preambleLimit - beginNeedle.count - 8)
            }
            return nil
        }
        var word = held[start.upperBound..<newline]
        if word.last == 0x0D { word = word.dropLast() }
        mode = Mode(rawValue: String(decoding: word, as: UTF8.self)) ?? .crlf
        preamble = Array(held[..<start.lowerBound].suffix(Self.preambleLimit))
        let rest = Array(held[(newline + 1)...])
        held = []
        return rest
    }

    private mutating func consumeBody(_ chunk: some Collection<UInt8>, into output: inout [UInt8]) {
        var data = held
        held = []
        if mode == .crlf {
            appendTranslatingCRLF(chunk, to: &data)
        } else {
            data.append(contentsOf: chunk)
        }
        if let found = data.firstRange(of: endNeedle) {
            output.append(contentsOf: data[..<found.lowerBound])
            held = Array(data[found.upperBound...])
            heldCR = false
            state = .trailer
            takeTrailer()
            return
        }
        let keep = Self.longestSuffixThatStarts(endNeedle, in: data)
        output.append(contentsOf: data[..<(data.count - keep)])
        held = Array(data.suffix(keep))
    }

    /// Reads `<status>\n` after the end marker.
    private mutating func takeTrailer() {
        guard let newline = held.firstIndex(of: 0x0A) else {
            if held.count > 32 { exitStatus = -1; state = .done }
            return
        }
        var digits = held[..<newline]
        if digits.last == 0x0D { digits = digits.dropLast() }
        exitStatus = Int32(String(decoding: digits.filter { $0 != 0x20 }, as: UTF8.self)) ?? -1
        held = []
        state = .done
    }

    /// Appends `chunk` with each CRLF turned into LF; a CR at its end is held for the next chunk.
    private mutating func appendTranslatingCRLF(_ chunk: some Collection<UInt8>, to data: inout [UInt8]) {
        data.reserveCapacity(data.count + chunk.count + 1)
        for byte in chunk {
            if heldCR {
                heldCR = false
                if byte != 0x0A { data.append(0x0D) }
            }
            if byte == 0x0D {
                heldCR = true
            } else {
                data.append(byte)
            }
        }
    }

    /// The length of the longest suffix of `data` that is a proper prefix of `needle`.
    static func longestSuffixThatStarts(_ needle: [UInt8], in data: [UInt8]) -> Int {
        var length = min(needle.count - 1, data.count)
        while length > 0 {
            if data[(data.count - length)...].elementsEqual(needle[..<length]) { return length }
            length -= 1
        }
        return 0
    }
}
