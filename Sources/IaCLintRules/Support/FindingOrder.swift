// Findings sorted into report order (file, position, rule, message) with each file's path read once:
// `Finding.<` reads both paths through the path table's lock at every comparison of two files.

import IaCLintCore

extension Array where Element == Finding {
    /// Exactly `sorted()` (a stable sort by `Finding.<`), faster: files and rule ids are ranked once,
    /// comparisons read integers, the sort orders indices, and the findings are then moved into place
    /// (copying 18,000 findings retained and released each of their strings: a third of the sort).
    /// Input already in order, as it mostly is by the pipeline's later sorts, is returned as it is.
    public consuming func sortedInReportOrder() -> [Finding] {
        guard count > 1 else { return self }
        var findings = self
        let keys = findings.reportOrderKeys()
        let sorted = keys.withUnsafeBufferPointer { keys in
            findings.withUnsafeBufferPointer { findings in
                keys.indices.dropFirst().allSatisfy { !Self.precedes($0, $0 - 1, keys, findings) }
            }
        }
        if sorted { return findings }
        let positions = [Int](findings.indices)
        let order = keys.withUnsafeBufferPointer { keys in
            findings.withUnsafeBufferPointer { findings in
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
        findings.permute(to: order)
        return findings
    }

    /// `Finding.<` on the findings at `a` and `b`, reading their keys.
    private static func precedes(_ a: Int, _ b: Int, _ keys: UnsafeBufferPointer<FindingSortKey>,
                                 _ findings: UnsafeBufferPointer<Finding>) -> Bool {
        let l = keys[a], r = keys[b]
        if l.file != r.file { return l.file < r.file }
        if l.start != r.start { return l.start < r.start }
        if l.rule != r.rule { return l.rule < r.rule }
        return findings[a].message < findings[b].message
    }

    /// What `Finding.<` compares before the message, as ranks: each file id's path read once (runs of
    /// one file hash its id once), each rule id compared with the few seen before (no hashing).
    private func reportOrderKeys() -> [FindingSortKey] {
        // `Finding.<` orders by path, a finding without a range as the path "". Equal paths get equal
        // ranks, so findings whose files differ only by id still fall through to position, as there.
        var slotOf: [SourceFileID?: Int] = [:]
        var paths: [String] = []
        var fileSlots = [Int](repeating: 0, count: count)
        var ruleIDs: [String] = []
        var ruleSlots = [Int](repeating: 0, count: count)
        var lastID: SourceFileID?? = .none
        var lastSlot = 0
        for i in indices {
            let id = self[i].range?.fileID
            if lastID != .some(id) {
                if let known = slotOf[id] {
                    lastSlot = known
                } else {
                    lastSlot = paths.count
                    slotOf[id] = lastSlot
                    paths.append(self[i].range?.file ?? "")
                }
                lastID = .some(id)
            }
            fileSlots[i] = lastSlot
            let rule = self[i].ruleID
            if let known = ruleIDs.firstIndex(of: rule) {
                ruleSlots[i] = known
            } else {
                ruleSlots[i] = ruleIDs.count
                ruleIDs.append(rule)
            }
        }
        let fileRank = Self.ranks(paths)
        let ruleRank = Self.ranks(ruleIDs)
        var keys: [FindingSortKey] = []
        keys.reserveCapacity(count)
        for i in indices {
            keys.append(FindingSortKey(file: fileRank[fileSlots[i]], start: self[i].range?.start ?? .start,
                                       rule: ruleRank[ruleSlots[i]]))
        }
        return keys
    }

    /// Per value, its rank in value order; values that compare equal share a rank.
    private static func ranks(_ values: [String]) -> [Int] {
        let byValue = values.indices.sorted { values[$0] < values[$1] }
        var rank = [Int](repeating: 0, count: values.count)
        var current = 0
        for (i, index) in byValue.enumerated() {
            if i > 0, values[byValue[i - 1]] != values[index] { current += 1 }
            rank[index] = current
        }
        return rank
    }

    /// Rearranges the elements so that position k holds the element that was at `order[k]`, moving
    /// each element once along the cycles of the permutation (no copies, so no retains).
    private mutating func permute(to order: [Int]) {
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in buffer.indices where !placed[start] {
                placed[start] = true
                guard order[start] != start else { continue }
                let first = (base + start).move()
                var k = start
                while order[k] != start {
                    let source = order[k]
                    (base + k).moveInitialize(from: base + source, count: 1)
                    placed[source] = true
                    k = source
                }
                (base + k).initialize(to: first)
            }
        }
    }
}

/// What `Finding.<` compares before the message, as ranks.
private struct FindingSortKey {
    var file: Int
    var start: SourcePosition
    var rule: Int
}
