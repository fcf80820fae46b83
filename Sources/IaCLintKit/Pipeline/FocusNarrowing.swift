// Narrows a finding's range to the text it is about, so a wrong variable inside a multi-line
// `jsonencode({...})` is underlined on its own line rather than at the start of the expression.

import IaCLintCore

enum FocusNarrowing {
    static func narrow(_ findings: [Finding], sources: [String: SourceFile]) -> [Finding] {
        findings.map { finding in
            guard let focus = finding.focus, !focus.isEmpty, let range = finding.range,
                  let file = sources[range.file], let at = uniqueOccurrence(of: Array(focus.utf8), in: file.bytes,
                                                                            from: range.start.offset, to: range.end.offset)
            else { return finding }
            var narrowed = finding
            narrowed.range = file.range(at, at + focus.utf8.count)
            return narrowed
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
