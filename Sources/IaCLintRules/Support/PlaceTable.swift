// The findings one rule has added, by the hash of their place, so a place is reported once.

import IaCLintCore

/// Positions of findings by the hash of their place: open addressing, linear probing, a slot holding
/// a position + 1 (0 for empty); the caller compares the findings a probe meets.
struct PlaceTable: Sendable {
    private var slots: [Int32] = []
    /// Per finding position, its place's hash (kept so the table grows without hashing again).
    private var hashes: [Int] = []

    /// The place's file and offsets and the resource: the instances of a module share its ranges, and
    /// hashing the range alone made the 100 MB scan compare 900,000 keys. The resource by `String`'s
    /// own hash, which agrees with `==` (canonically equivalent addresses hash alike).
    static func hash(_ range: SourceRange?, _ resource: String) -> Int {
        var hasher = Hasher()
        hasher.combine(range?.fileID)
        hasher.combine(range?.start.offset)
        hasher.combine(range?.end.offset)
        hasher.combine(resource)
        return hasher.finalize()
    }

    /// True when some finding with this place hash satisfies `same`.
    func contains(_ hash: Int, in findings: [Finding], where same: (Finding) -> Bool) -> Bool {
        guard !slots.isEmpty else { return false }
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if hashes[k] == hash, same(findings[k]) { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Notes the finding at `position` (the next one) under `hash`.
    mutating func insert(_ hash: Int, at position: Int) {
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            // Twice the findings at least: rebuilt from the kept hashes.
            var size = max(16, slots.count)
            while hashes.count * 2 > size { size *= 2 }
            slots = [Int32](repeating: 0, count: size)
            for k in hashes.indices { place(k) }
        } else {
            place(position)
        }
    }

    private mutating func place(_ k: Int) {
        let mask = slots.count - 1
        var slot = hashes[k] & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: k + 1)
    }
}
