// A file's bytes with a line index: turns byte offsets into positions and gives excerpts.

#if canImport(Glibc)
import Glibc
#endif

public struct SourceFile: Sendable {
    /// Path as reported to the user.
    public let path: String
    /// `path`, interned once for all the ranges made in this file.
    public let fileID: SourceFileID
    public let bytes: [UInt8]
    /// Byte offset where each line starts (line 1 at index 0).
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.fileID = SourceFileID(path)
        self.bytes = bytes
        lineStarts = SourceFile.lineStarts(of: bytes)
    }

    /// For a reader that found the line starts while reading `bytes` (the HCL lexer passes every
    /// newline anyway), saving the scan above. `lineStarts` must equal `SourceFile.lineStarts(of: bytes)`.
    public init(path: String, fileID: SourceFileID, bytes: [UInt8], lineStarts: [Int]) {
        self.path = path
        self.fileID = fileID
        self.bytes = bytes
        self.lineStarts = lineStarts
    }

    /// Offsets where lines start. Every parsed file needs them, so newlines are found with the C
    /// library's vectorised `memchr` into an array sized by a first count, not appended byte by byte.
    public static func lineStarts(of bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer -> [Int] in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return [0] }
            let end = base + buffer.count
            var count = 0
            var p = base
            while p < end, let hit = memchr(p, 0x0A, end - p) {
                count += 1
                p = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
            var starts = [Int]()
            starts.reserveCapacity(count + 1)
            starts.append(0)
            p = base
            while p < end, let hit = memchr(p, 0x0A, end - p) {
                let next = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(next - base)
                p = next
            }
            return starts
        }
    }

    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }

    /// The position of a byte offset (clamped to the file).
    public func position(at offset: Int) -> SourcePosition {
        let off = min(max(0, offset), bytes.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var i = lineStarts[lo]
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // Continuation bytes before `off` were skipped; a position inside a scalar counts it once.
        return SourcePosition(line: lo + 1, column: column, offset: off)
    }

    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(fileID: fileID, start: position(at: start), end: position(at: end))
    }

    /// The text of a 1-based line without its line ending; empty past the end.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > start else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    public var lineCount: Int { lineStarts.count }
}
