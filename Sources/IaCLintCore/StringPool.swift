// Hands out the first copy of each string it is given, so equal strings share one buffer.

/// A graph holds the same few strings hundreds of thousands of times (type names, the address a
/// dozen edges point at); a pool turns those copies into references to one buffer.
///
/// ASCII strings (every address and type name in practice) live in an open-addressing table keyed
/// by a cheap hash of their bytes read eight at a time, and are compared byte for byte: a
/// `Set<String>` insert cost about 600 instructions (SipHash with its setup and finalisation, then
/// a `String ==`), 26 M on the 10 MB synthetic repository's 42,000 addresses and type names.
/// Other strings keep the `Set`, whose `==` is canonical equivalence, as before.
public struct StringPool: Sendable {
    private struct Slot: Sendable {
        var string: String
        /// 0 marks an empty slot (stored hashes have their lowest bit set).
        var hash: UInt64
    }

    /// A power of two in size (or empty before the first string), at most half full.
    private var slots: [Slot] = []
    private var count = 0
    private var other: Set<String> = []

    public init(minimumCapacity: Int = 0) {
        if minimumCapacity > 0 { slots = StringPool.emptySlots(StringPool.tableSize(for: minimumCapacity)) }
    }

    /// The pooled copy of `string`: the first one given with these contents.
    public mutating func shared(_ string: String) -> String {
        // Up to 15 UTF-8 bytes a String holds its text inline: nothing to share.
        guard string.utf8.count > 15 else { return string }
        guard let hash = string.utf8.withContiguousStorageIfAvailable({ StringPool.asciiHash(UnsafeRawBufferPointer($0)) }),
              let hash else {
            return other.insert(string).memberAfterInsert
        }
        if (count + 1) * 2 > slots.count { grow() }
        let slot = slots.withUnsafeBufferPointer { table -> Int in
            let mask = table.count - 1
            var i = Int(truncatingIfNeeded: hash) & mask
            while true {
                let stored = table[i].hash
                if stored == 0 || (stored == hash && RawBytes.sameUTF8(table[i].string, string)) { return i }
                i = (i + 1) & mask
            }
        }
        if slots[slot].hash != 0 { return slots[slot].string }
        slots[slot] = Slot(string: string, hash: hash)
        count += 1
        return string
    }

    private mutating func grow() {
        let old = slots
        slots = StringPool.emptySlots(StringPool.tableSize(for: max(count + 1, old.count)))
        let mask = slots.count - 1
        for entry in old where entry.hash != 0 {
            var i = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = entry
        }
    }

    /// The smallest power of two at least twice `capacity` (and at least 16).
    private static func tableSize(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    private static func emptySlots(_ size: Int) -> [Slot] {
        Array(repeating: Slot(string: "", hash: 0), count: size)
    }

    private static let seed = UInt64.random(in: 1...UInt64.max)

    /// Words of eight bytes mixed by multiply and rotate, the tail byte by byte; nil when a byte is
    /// not ASCII. The lowest bit is set, so no hash is the empty slot's 0. The seed is random per
    /// process: colliding strings cannot be written in advance, and a collision costs probes only.
    private static func asciiHash(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        var h: UInt64 = seed &+ UInt64(bytes.count)
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 29) | (h >> 35)
            i += 8
        }
        while i < bytes.count {
            high |= UInt64(bytes[i])
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
        h ^= h >> 32
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h | 1
    }
}
