// Byte offset to line/column conversion that stays fast on huge single-line (minified) files.

import IaCLintCore

/// Turns UTF-8 byte offsets into 1-based line and column (columns count Unicode scalars, as core
/// `SourceFile` does). Built in one pass; a lookup is a binary search plus a scan of at most one
/// 512-byte block, so minified JSON (one 100 MB line) does not make column lookups quadratic.
public struct LineIndex: Sendable {
    private static let blockShift = 9
    private let text: [UInt8]
    private let lineStarts: [Int]
    /// Number of UTF-8 continuation bytes before the start of each 512-byte block.
    private let continuationsBefore: [UInt32]

    public init(_ text: [UInt8]) {
        self.text = text
        var starts = [0]
        var blocks: [UInt32] = []
        blocks.reserveCapacity((text.count >> LineIndex.blockShift) + 2)
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let count = buffer.count
            let blockSize = 1 << LineIndex.blockShift
            var continuations: UInt32 = 0
            var blockStart = 0
            while blockStart < count {
                blocks.append(continuations)
                let blockEnd = min(count, blockStart + blockSize)
                var i = blockStart
                // Eight bytes at a time: continuation bytes are 10xxxxxx, counted in per-byte
                // lanes (at most 64 per lane in a block); a word without a newline needs no byte loop.
                var lanes: UInt64 = 0
                while i + 8 <= blockEnd {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    lanes &+= (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
                    let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    if (newlines &- 0x0101_0101_0101_0101) & ~newlines & 0x8080_8080_8080_8080 != 0 {
                        for k in 0..<8 where buffer[i + k] == 0x0A { starts.append(i + k + 1) }
                    }
                    i += 8
                }
                let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
                continuations &+= UInt32(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
                while i < blockEnd {
                    let c = buffer[i]
                    if c == 0x0A { starts.append(i + 1) }
                    continuations &+= (c & 0xC0 == 0x80) ? 1 : 0
                    i += 1
                }
                blockStart = blockEnd
            }
            blocks.append(continuations)
        }
        if blocks.isEmpty { blocks = [0, 0] }
        lineStarts = starts
        continuationsBefore = blocks
    }

    public var lineCount: Int { lineStarts.count }

    /// The position of a byte offset, clamped to the text.
    public func position(at offset: Int) -> SourcePosition {
        let off = min(max(0, offset), text.count)
        return position(line: line(of: off), offset: off)
    }

    /// `position(at:)`, trying the line `hint` names (0-based) and the one after it before a binary
    /// search, and leaving the found line in `hint`: offsets read in document order mostly fall on
    /// the line of the previous one or the next (a JSON template's node ranges, 2 lookups a node).
    public func position(at offset: Int, hint: inout Int) -> SourcePosition {
        let off = min(max(0, offset), text.count)
        let n = lineStarts.count
        let line: Int
        if hint >= 0, hint < n, lineStarts[hint] <= off, hint + 1 == n || off < lineStarts[hint + 1] {
            line = hint
        } else if hint >= 0, hint + 1 < n, lineStarts[hint + 1] <= off, hint + 2 == n || off < lineStarts[hint + 2] {
            line = hint + 1
        } else {
            line = self.line(of: off)
        }
        hint = line
        return position(line: line, offset: off)
    }

    /// The 0-based line holding an offset already clamped to the text.
    private func line(of off: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The position of `off` on 0-based line `lo`.
    private func position(line lo: Int, offset off: Int) -> SourcePosition {
        let lineStart = lineStarts[lo]
        // No continuation byte in the blocks from the line start to the offset (ASCII text, the usual
        // case): the column is the byte distance, with no scan (counting up to 64 bytes one by one
        // was two thirds of a lookup on pretty-printed JSON).
        let first = lineStart >> LineIndex.blockShift, last = off >> LineIndex.blockShift
        if last + 1 < continuationsBefore.count, continuationsBefore[last + 1] == continuationsBefore[first] {
            return SourcePosition(line: lo + 1, column: 1 + (off - lineStart), offset: off)
        }
        // Short distances (pretty-printed text) are counted directly; long lines use the blocks.
        let skipped = off - lineStart <= 64
            ? continuations(in: lineStart, off)
            : continuations(before: off) - continuations(before: lineStart)
        let column = 1 + (off - lineStart) - skipped
        return SourcePosition(line: lo + 1, column: column, offset: off)
    }

    private func continuations(in start: Int, _ end: Int) -> Int {
        text.withUnsafeBufferPointer { b in
            var n = 0
            var i = start
            while i < end { n &+= (b[i] & 0xC0 == 0x80) ? 1 : 0; i += 1 }
            return n
        }
    }

    private func continuations(before offset: Int) -> Int {
        let block = offset >> LineIndex.blockShift
        guard block + 1 < continuationsBefore.count else { return Int(continuationsBefore.last ?? 0) }
        let before = Int(continuationsBefore[block])
        // A block with no continuation bytes (ASCII, the usual case) needs no scan.
        if continuationsBefore[block + 1] == continuationsBefore[block] { return before }
        return before + continuations(in: block << LineIndex.blockShift, min(offset, text.count))
    }

    public func range(file: SourceFileID, _ start: Int, _ end: Int) -> SourceRange {
        SourceRange(fileID: file, start: position(at: start), end: position(at: end))
    }
}
