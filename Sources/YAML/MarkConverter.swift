// Turns libyaml marks (0-based line, character column) into 1-based positions with UTF-8 byte offsets.

import IaCLintCore

/// libyaml counts columns in characters and its index in characters too, so byte offsets are
/// recomputed from the line start. ASCII files (the usual case) take the direct path.
struct MarkConverter {
    private let file: SourceFileID
    private let lineStarts: [Int]
    private let isASCII: Bool
    private let byteCount: Int
    private let hasByteOrderMark: Bool
    // Marks arrive almost in order: continuing from the last one keeps long non-ASCII lines linear.
    private var cursorLine = -1
    private var cursorColumn = 0
    private var cursorOffset = 0

    /// `knownASCII` spares the scan when the caller has already found the bytes to be ASCII.
    init(file: SourceFileID, bytes: UnsafeBufferPointer<UInt8>, knownASCII: Bool = false) {
        self.file = file
        byteCount = bytes.count
        let ascii = knownASCII || MarkConverter.isASCII(bytes)
        // Line starts are needed only to turn character columns into byte offsets.
        var starts = [0]
        if !ascii {
            for i in 0..<bytes.count where bytes[i] == 0x0A { starts.append(i + 1) }
        }
        // libyaml counts a UTF-8 byte-order mark as a character of line 1; editors do not show it.
        hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if hasByteOrderMark { starts[0] = 3 }
        lineStarts = starts
        isASCII = ascii
    }

    /// Eight bytes at a time: most templates are ASCII and this runs once per file.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count { high |= UInt64(bytes[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Inlined into the event handler: for an ASCII file (nearly all) a position is three
    /// additions, cheaper than the call that used to make it (two per event).
    @inline(__always)
    mutating func position(line: Int, column rawColumn: Int, index: Int, bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        if isASCII, !hasByteOrderMark {
            return SourcePosition(line: line + 1, column: rawColumn + 1, offset: min(index, byteCount))
        }
        return positionSlowly(line: line, column: rawColumn, index: index, bytes: bytes)
    }

    /// A byte-order mark or non-ASCII text: columns shift or count characters, not bytes.
    @inline(never)
    private mutating func positionSlowly(line: Int, column rawColumn: Int, index: Int, bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        let column = hasByteOrderMark && line == 0 ? max(0, rawColumn - 1) : rawColumn
        if isASCII {
            return SourcePosition(line: line + 1, column: column + 1, offset: min(index, byteCount))
        }
        guard line < lineStarts.count else {
            return SourcePosition(line: line + 1, column: column + 1, offset: byteCount)
        }
        var offset: Int
        var remaining: Int
        if line == cursorLine, column >= cursorColumn {
            offset = cursorOffset
            remaining = column - cursorColumn
        } else {
            offset = lineStarts[line]
            remaining = column
        }
        while remaining > 0, offset < byteCount {
            offset += 1
            while offset < byteCount, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        cursorLine = line
        cursorColumn = column
        cursorOffset = offset
        return SourcePosition(line: line + 1, column: column + 1, offset: offset)
    }

    /// `end` moved back over spaces and line breaks, but not before `start`.
    func trimmingTrailingSpace(_ start: SourcePosition, _ end: SourcePosition, bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var offset = min(end.offset, bytes.count)
        var line = end.line
        while offset > start.offset {
            let b = bytes[offset - 1]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { break }
            if b == 0x0A { line -= 1 }
            offset -= 1
        }
        guard offset != end.offset else { return end }
        // Column: characters from the start of the line holding the new end.
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        if lineStart == 0, hasByteOrderMark { lineStart = 3 }
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }

    func range(_ start: SourcePosition, _ end: SourcePosition) -> SourceRange {
        SourceRange(fileID: file, start: start, end: end)
    }
}
