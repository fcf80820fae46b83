// The part of a file the report of its findings reads: up to the end of the last line they reach.

import IaCLintCore

enum SourcePrefix {
    /// `bytes` up to and including the line ending of the line holding offset `reach`, or all of them
    /// when that is nearly all, or when the file holds a suppression comment.
    ///
    /// After the rules, the sources of the findings are read for excerpts while the graph is still in
    /// memory: on the 100 MB synthetic repository 41 MB of files, most of it after the last finding of
    /// each file. What reads them later never looks past that line: an excerpt shows the first line of
    /// a finding's range, focus narrowing searches inside the range and reads one byte after it, and
    /// positions are counted from line starts before it. Suppression comments are searched in whole
    /// files, so a file with the marker is kept whole (such files are normally kept, whole, already).
    static func needed(_ bytes: [UInt8], reaching reach: Int) -> [UInt8] {
        guard reach >= 0, reach < bytes.count else { return bytes }
        var end = reach
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        end += 1  // the line ending itself, so the line's length and the next line's start stay as they were
        // A copy costs an allocation and the kept bytes: worth it only when it saves a good part.
        guard end < bytes.count - bytes.count / 4 else { return bytes }
        guard !SuppressionComment.contains(bytes, Array("iaclint:ignore".utf8)) else { return bytes }
        return Array(bytes[..<end])
    }
}
