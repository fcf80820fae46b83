// Findings sorted into report order (file, position, rule, message) with each file's path read once:
// `Finding.<` reads both paths through the path table's lock at every comparison of two files.

import IaCLintCore

extension Array where Element == Finding {
    /// Exactly `sorted()` (a stable sort by `Finding.<`), faster: files and rule ids are ranked once,
    /// comparisons read integers, and the sort moves indices rather than the large findings.
    public func sortedInReportOrder() -> [Finding] {
        guard count > 1 else { return self }
        // `Finding.<` orders by path, a finding without a range as the path "". Equal paths get equal
        // ranks, so findings whose files differ only by id still fall through to position, as there.
        var pathOf: [SourceFileID?: String] = [:]
        var ruleIDs = Set<String>()
        for i in indices {
            let id = self[i].range?.fileID
            if pathOf[id] == nil { pathOf[id] = self[i].range?.file ?? "" }
            ruleIDs.insert(self[i].ruleID)
        }
        let fileRank = Self.ranks(pathOf)
        let sortedRules = ruleIDs.sorted()
        var ruleRank: [String: Int] = [:]
        for (i, rule) in sortedRules.enumerated() { ruleRank[rule] = i }
        var keys: [FindingSortKey] = []
        keys.reserveCapacity(count)
        for i in indices {
            let range = self[i].range
            keys.append(FindingSortKey(file: fileRank[range?.fileID] ?? 0, start: range?.start ?? .start,
                                       rule: ruleRank[self[i].ruleID] ?? 0))
        }
        let positions = [Int](indices)
        let order = keys.withUnsafeBufferPointer { keys in
            self.withUnsafeBufferPointer { (findings: UnsafeBufferPointer<Finding>) -> [Int] in
                positions.sorted { a, b in
                    let l = keys[a], r = keys[b]
                    if l.file != r.file { return l.file < r.file }
                    if l.start != r.start { return l.start < r.start }
                    if l.rule != r.rule { return l.rule < r.rule }
                    if findings[a].message != findings[b].message { return findings[a].message < findings[b].message }
                    // Ties keep input order, as the standard library's stable sort does.
                    return a < b
                }
            }
        }
        return order.map { self[$0] }
    }

    /// Ranks by value order; values that compare equal share a rank.
    private static func ranks<Key: Hashable>(_ values: [Key: String]) -> [Key: Int] {
        let byValue = values.sorted { $0.value < $1.value }
        var rank: [Key: Int] = [:]
        var current = 0
        for (i, entry) in byValue.enumerated() {
            if i > 0, byValue[i - 1].value != entry.value { current += 1 }
            rank[entry.key] = current
        }
        return rank
    }
}

/// What `Finding.<` compares before the message, as ranks.
private struct FindingSortKey {
    var file: Int
    var start: SourcePosition
    var rule: Int
}
