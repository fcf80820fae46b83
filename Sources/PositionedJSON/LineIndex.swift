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
        blocks.reserveCapacity((text.count >> LineIndex.blockShift) + 1)
        text.withUnsafeBufferPointer { buffer in
            var continuations: UInt32 = 0
            var blockStart = 0
            let count = buffer.count
            while blockStart < count || blockStart == 0 {
                blocks.append(continuations)
                let blockEnd = min(count, blockStart + (1 << LineIndex.blockShift))
                var i = blockStart
                while i < blockEnd {
                    let c = buffer[i]
                    if c == 0x0A { starts.append(i + 1) }
                    continuations &+= (c & 0xC0 == 0x80) ? 1 : 0
                    i += 1
                }
                blockStart = blockEnd
                if count == 0 { break }
            }
            blocks.append(continuations)
        }
        lineStarts = starts
        continuationsBefore = blocks
    }

    public var lineCount: Int { lineStarts.count }

    /// The position of a byte offset, clamped to the text.
    public func position(at offset: Int) -> SourcePosition {
        let off = min(max(0, offset), text.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = lineStarts[lo]
        // Short distances (pretty-printed text) are counted directly; long lines use the blocks.
        let skipped = off - lineStart <= (1 << LineIndex.blockShift)
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
        guard block < continuationsBefore.count else { return Int(continuationsBefore.last ?? 0) }
        return Int(continuationsBefore[block]) + continuations(in: block << LineIndex.blockShift, min(offset, text.count))
    }

    public func range(file: String, _ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: position(at: start), end: position(at: end))
    }
}
