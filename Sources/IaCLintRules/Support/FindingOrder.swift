// Findings sorted into report order (file, position, rule, message) with each file's path read once:
// `Finding.<` reads both paths through the path table's lock at every comparison of two files.

import IaCLintCore

extension Array where Element == Finding {
    /// Exactly `sorted()` (a stable sort by `Finding.<`), faster: each distinct file is ranked by its
    /// path once, and the sort moves indices rather than the large findings.
    public func sortedInReportOrder() -> [Finding] {
        guard count > 1 else { return self }
        // `Finding.<` orders by path, a finding without a range as the path "". Equal paths get equal
        // ranks, so findings whose files differ only by id still fall through to position, as there.
        var pathOf: [SourceFileID?: String] = [:]
        for finding in self where pathOf[finding.range?.fileID] == nil {
            pathOf[finding.range?.fileID] = finding.range?.file ?? ""
        }
        let byPath = pathOf.sorted { $0.value < $1.value }
        var rank: [SourceFileID?: Int] = [:]
        var current = 0
        for (i, entry) in byPath.enumerated() {
            if i > 0, byPath[i - 1].value != entry.value { current += 1 }
            rank[entry.key] = current
        }
        let keys = map { FindingSortKey(file: rank[$0.range?.fileID] ?? 0, start: $0.range?.start ?? .start,
                             ruleID: $0.ruleID, message: $0.message) }
        // Ties keep input order, as the standard library's stable sort does.
        let order = keys.indices.sorted { a, b in
            let l = keys[a], r = keys[b]
            if l.file != r.file { return l.file < r.file }
            if l.start != r.start { return l.start < r.start }
            if l.ruleID != r.ruleID { return l.ruleID < r.ruleID }
            if l.message != r.message { return l.message < r.message }
            return a < b
        }
        return order.map { self[$0] }
    }
}

/// What `Finding.<` compares, with the file as a rank.
private struct FindingSortKey {
    var file: Int
    var start: SourcePosition
    var ruleID: String
    var message: String
}
