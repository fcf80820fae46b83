// A source read only for the text report's excerpts, reduced to the lines they show.

import IaCLintCore

enum ExcerptSource {
    /// `file` with the text of every line but `lines` (1-based) removed and the line breaks kept, so
    /// line numbers, and the kept lines' text, read as before.
    ///
    /// An excerpt shows one line of a finding's range (`TextReporter`), found by its number and
    /// column. The 5,070 files the findings of the 100 MB synthetic repository point into held 26 MB
    /// up to their last finding's line when kept whole until the report; these skeletons hold their
    /// line breaks and about 18,000 lines.
    static func keeping(lines: [Int], of file: SourceFile) -> SourceFile {
        let bytes = file.bytes, starts = file.lineStarts
        var wanted = lines.filter { $0 >= 1 && $0 <= starts.count }
        wanted.sort()
        var out: [UInt8] = []
        out.reserveCapacity(starts.count + wanted.count * 80)
        var next = 0  // index into `wanted`
        for index in starts.indices {
            let number = index + 1
            let start = starts[index]
            let end = number < starts.count ? starts[number] : bytes.count
            while next < wanted.count, wanted[next] < number { next += 1 }
            if next < wanted.count, wanted[next] == number {
                out.append(contentsOf: bytes[start..<end])
            } else if number < starts.count {
                out.append(UInt8(ascii: "\n"))
            }
        }
        return SourceFile(path: file.path, bytes: out)
    }
}
