// Where each key of an object being built by a `for` expression is, to find repeated keys.

import IaCLintCore

/// Most `for` expressions build a few keys, so the entries themselves are scanned (no dictionary
/// allocated, no key hashed); from `indexedFrom` entries on, a dictionary of positions keeps a
/// large loop linear. Keys are added in order, each at the end of the entries, and are distinct,
/// so a scan finds the position the dictionary would.
struct EntryPositions {
    private var positions: [String: Int] = [:]
    private var count = 0
    static let indexedFrom = 16

    /// The position of `key` among `entries`.
    func position(of key: String, in entries: [ObjectEntry]) -> Int? {
        if count >= EntryPositions.indexedFrom { return positions[key] }
        for i in 0..<min(count, entries.count) where entries[i].key == key { return i }
        return nil
    }

    /// Records `key`, about to be appended to `entries` (so at position `entries.count`).
    mutating func add(_ key: String, before entries: [ObjectEntry]) {
        count += 1
        if count > EntryPositions.indexedFrom {
            positions[key] = entries.count
        } else if count == EntryPositions.indexedFrom {
            positions = Dictionary(minimumCapacity: EntryPositions.indexedFrom * 2)
            for (i, e) in entries.enumerated() { positions[e.key] = i }
            positions[key] = entries.count
        }
    }
}
