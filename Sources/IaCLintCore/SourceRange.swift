// Positions and ranges in source files: the coordinates every diagnostic and finding carries.

/// A point in a source file. Lines and columns are 1-based; the column counts Unicode scalars
/// (what an editor shows for ASCII and most text); `offset` is the 0-based UTF-8 byte offset.
/// Stored as 32-bit fields because values keep ranges and a large plan holds millions of them.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    @usableFromInline var storedLine: UInt32
    @usableFromInline var storedColumn: UInt32
    @usableFromInline var storedOffset: UInt32

    /// Inlinable: lexers build two positions per token, and a cross-module call each was measurable.
    @inlinable
    public init(line: Int, column: Int, offset: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedOffset = UInt32(clamping: offset)
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.storedOffset != rhs.storedOffset ? lhs.storedOffset < rhs.storedOffset
            : (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span of a file; `end` is exclusive. The file is held as an interned id, so a range is plain
/// data (28 bytes, nothing to retain): values, tokens and AST nodes copy millions of ranges.
/// `file` gives the path as reported to the user (relative to the working directory, '/'-separated).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var fileID: SourceFileID
    public var start: SourcePosition
    public var end: SourcePosition

    @inlinable
    public init(fileID: SourceFileID, start: SourcePosition, end: SourcePosition) {
        self.fileID = fileID
        self.start = start
        self.end = max(start, end)
    }

    /// Interns `file`; hot paths intern once per file and use `init(fileID:start:end:)`.
    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.init(fileID: SourceFileID(file), start: start, end: end)
    }

    /// An empty range at one position, for "something is missing here".
    public init(file: String, at position: SourcePosition) {
        self.init(file: file, start: position, end: position)
    }

    @inlinable
    public init(fileID: SourceFileID, at position: SourcePosition) {
        self.init(fileID: fileID, start: position, end: position)
    }

    /// The path as reported to the user.
    public var file: String {
        get { fileID.path }
        set { fileID = SourceFileID(newValue) }
    }

    /// The smallest range covering both; both must be in the same file.
    @inlinable
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(fileID: fileID, start: min(start, other.start), end: max(end, other.end))
    }

    @inlinable
    public var isEmpty: Bool { start.offset == end.offset }

    public var description: String { "\(file):\(start.line):\(start.column)" }
}
