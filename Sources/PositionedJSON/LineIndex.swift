// Byte offset to line/column conversion that stays fast on huge single-line (minified) files.

import IaCLintCore

/// Turns UTF-8 byte offsets into 1-based line and column (columns count Unicode scalars, as core
/// `SourceFile` does). Built in one pass; a lookup is a binary search plus a scan of at most one
/// 4 KiB block, so minified JSON (one 100 MB line) does not make column lookups quadratic.
public struct LineIndex: Sendable {
    private static let blockShift = 12
    private let text: [UInt8]
    private let lineStarts: [Int]
    /// Number of UTF-8 continuation bytes before the start of each 4 KiB block.
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
        let column = 1 + (off - lineStart) - (continuations(before: off) - continuations(before: lineStart))
        return SourcePosition(line: lo + 1, column: column, offset: off)
    }

    private func continuations(before offset: Int) -> Int {
        let block = offset >> LineIndex.blockShift
        guard block < continuationsBefore.count else { return Int(continuationsBefore.last ?? 0) }
        var n = Int(continuationsBefore[block])
        var i = block << LineIndex.blockShift
        while i < offset, i < text.count {
            if text[i] & 0xC0 == 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    public func range(file: String, _ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: position(at: start), end: position(at: end))
    }
}
