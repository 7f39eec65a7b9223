/// PayloadType 3: the client's terminal size.
public struct SizeContent: Codable, Hashable, Sendable {
    public var cols: UInt32
    public var rows: UInt32

    public init(cols: UInt32, rows: UInt32) {
        self.cols = cols
        self.rows = rows
    }
}
