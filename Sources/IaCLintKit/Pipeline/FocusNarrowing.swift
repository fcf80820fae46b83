// Narrows a finding's range to the text it is about, so a wrong variable inside a multi-line
// `jsonencode({...})` is underlined on its own line rather than at the start of the expression.

import IaCLintCore

enum FocusNarrowing {
    static func narrow(_ findings: [Finding], sources: [String: SourceFile]) -> [Finding] {
        // Where each narrowed range starts and ends, found first; positions are then worked out per
        // file in offset order, resuming along a line (see `PositionCounter`).
        var requests: [String: [(finding: Int, start: Int, end: Int)]] = [:]
        for (index, finding) in findings.enumerated() {
            guard let focus = finding.focus, !focus.isEmpty, let range = finding.range else { continue }
            let path = range.file
            guard let file = sources[path], let at = uniqueOccurrence(of: Array(focus.utf8), in: file.bytes,
                                                                     from: range.start.offset, to: range.end.offset)
            else { continue }
            requests[path, default: []].append((index, at, at + focus.utf8.count))
        }
        guard !requests.isEmpty else { return findings }
        var out = findings
        for (path, wanted) in requests {
            guard let file = sources[path] else { continue }
            var offsets = wanted.flatMap { [$0.start, $0.end] }
            offsets.sort()
            var counter = PositionCounter(file)
            var positions: [Int: SourcePosition] = [:]
            for offset in offsets where positions[offset] == nil { positions[offset] = counter.position(at: offset) }
            for request in wanted {
                guard let start = positions[request.start], let end = positions[request.end] else { continue }
                out[request.finding].range = SourceRange(fileID: file.fileID, start: start, end: end)
            }
        }
        return out
    }

    /// `SourceFile.position(at:)` for offsets asked in increasing order: the column is counted on from
    /// the previous offset when it is on the same line, not again from the line's start. Plans are one
    /// minified line of megabytes, and each finding narrowed in one counted hundreds of kilobytes.
    struct PositionCounter {
        let file: SourceFile
        private var line = -1
        private var offset = 0
        private var column = 1

        init(_ file: SourceFile) { self.file = file }

        /// Same result as `file.position(at:)` (same clamping, line search and column rule).
        mutating func position(at requested: Int) -> SourcePosition {
            let bytes = file.bytes, lineStarts = file.lineStarts
            let off = min(max(0, requested), bytes.count)
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
            }
            if lo != line || off < offset {
                line = lo
                offset = lineStarts[lo]
                column = 1
            }
            while offset < off {
                if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                offset += 1
            }
            return SourcePosition(line: lo + 1, column: column, offset: off)
        }
    }

    /// The offset of the only occurrence of `needle` in `bytes[start..<end]` that is not followed by
    /// an identifier character (so `$context.status` does not match inside `$context.statusX`).
    static func uniqueOccurrence(of needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let end = min(end, bytes.count)
        guard start >= 0, !needle.isEmpty, end - start >= needle.count else { return nil }
        var found: Int? = nil
        var i = start
        while i + needle.count <= end {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                let next = i + needle.count < bytes.count ? bytes[i + needle.count] : 0
                if !isIdentifierByte(next) {
                    if found != nil { return nil }
                    found = i
                }
            }
            i += 1
        }
        return found
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
}
