// A name -> position table for a module's declarations (variables, locals, outputs, resources,
// module calls, call arguments): looked up for every reference evaluated.

import IaCLintCore

/// Open addressing over a power-of-two table at most half full, with a cheap multiplicative hash of
/// the name's UTF-8 bytes read eight at a time, and each slot's hash kept to skip most string
/// compares. A `[String: Int]` look-up cost about 430 instructions on tf-real (SipHash with its
/// setup and finalisation, then string compares for every occupied slot probed), 6% of
/// evaluation. The hash starts from a per-process random seed, so colliding names cannot be
/// written in advance; a collision costs probes, never a wrong answer.
struct NameIndex: Sendable {
    private struct Slot: Sendable {
        var name: String
        var hash: UInt32
        /// -1 marks an empty slot.
        var position: Int32
    }

    /// One array, so a copy of the index (a declaration holding one is copied whole) retains one
    /// buffer; the table's size is a power of two, or zero before the first insertion.
    private var slots: [Slot] = []
    private(set) var count = 0

    init() {}

    /// Room for `capacity` names without growing.
    init(minimumCapacity capacity: Int) {
        if capacity > 0 { slots = NameIndex.emptySlots(NameIndex.tableSize(for: capacity)) }
    }

    var isEmpty: Bool { count == 0 }

    /// The position stored for `name`, if any.
    subscript(name: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        let position = NameIndex.find(name, NameIndex.hash(name), in: slots).position
        return position < 0 ? nil : Int(position)
    }

    /// The position stored for the name `prefix + first + "." + second` (a resource's local
    /// address, `aws_x.y` or `data.aws_x.y`), found without building that string: a reference
    /// built it for every look-up, an allocation and a copy of both parts each time (21,000
    /// references on tf-real). The name is assembled in a stack buffer; longer names than it holds
    /// are built as a string.
    func position(prefix: StaticString, _ first: String, _ second: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        let length = prefix.utf8CodeUnitCount + first.utf8.count + 1 + second.utf8.count
        guard length <= NameIndex.joinedNameCapacity else {
            return self["\(prefix)\(first).\(second)"]
        }
        let position = withUnsafeTemporaryAllocation(byteCount: NameIndex.joinedNameCapacity, alignment: 8) { buffer -> Int32 in
            var count = 0
            prefix.withUTF8Buffer { count = NameIndex.copy(UnsafeRawBufferPointer($0), into: buffer, at: count) }
            count = NameIndex.copy(first, into: buffer, at: count)
            buffer[count] = UInt8(ascii: ".")
            count = NameIndex.copy(second, into: buffer, at: count + 1)
            let joined = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            return NameIndex.find(joined, NameIndex.hash(joined), in: slots)
        }
        return position < 0 ? nil : Int(position)
    }

    /// Longest name `position(prefix:_:_:)` assembles on the stack.
    private static let joinedNameCapacity = 256

    /// Stores `position` for `name` unless the name is there already; returns the position found
    /// then (which stays), nil when the name was added. One hash for both.
    @discardableResult
    mutating func insertIfAbsent(_ name: String, position: Int) -> Int? {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = NameIndex.hash(name)
        let (slot, existing) = NameIndex.find(name, hash, in: slots)
        if existing >= 0 { return Int(existing) }
        slots[slot] = Slot(name: name, hash: hash, position: Int32(truncatingIfNeeded: position))
        count += 1
        return nil
    }

    /// Every name, in no particular order.
    var names: [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        for i in slots.indices where slots[i].position >= 0 { out.append(slots[i].name) }
        return out
    }

    /// The slot holding `name` and its position, or the empty slot where it would go and -1.
    /// Slots are read through the buffer, in place: reading `slots[i]` copied the slot (a retain
    /// and release of its name) at each probe. `i` stays below the table's size, a power of two
    /// (masked), and the table is at most half full, so the probe ends at an empty slot.
    @inline(__always)
    private static func find(_ name: String, _ hash: UInt32, in slots: [Slot]) -> (slot: Int, position: Int32) {
        slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = Int(hash) & mask
            while true {
                let position = table[i].position
                if position < 0 || (table[i].hash == hash && sameName(table[i].name, name)) { return (i, position) }
                i = (i + 1) & mask
            }
        }
    }

    /// `find` for a name given as UTF-8 bytes: the position stored for it, or -1.
    private static func find(_ name: UnsafeRawBufferPointer, _ hash: UInt32, in slots: [Slot]) -> Int32 {
        slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var i = Int(hash) & mask
            while true {
                let position = table[i].position
                if position < 0 || (table[i].hash == hash && sameBytes(table[i].name, name)) { return position }
                i = (i + 1) & mask
            }
        }
    }

    /// Copies `bytes` into `buffer` at `offset` (the caller checked they fit); returns the end.
    @inline(__always)
    private static func copy(_ bytes: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + bytes.count)]).copyMemory(from: bytes)
        return offset + bytes.count
    }

    /// `copy` for a string's UTF-8 bytes, read in place when the string is native or small.
    @inline(__always)
    private static func copy(_ string: String, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        if let end = string.utf8.withContiguousStorageIfAvailable({ copy(UnsafeRawBufferPointer($0), into: buffer, at: offset) }) {
            return end
        }
        return Array(string.utf8).withUnsafeBytes { copy($0, into: buffer, at: offset) }
    }

    /// Whether `name`'s UTF-8 bytes are `bytes`, compared eight at a time.
    private static func sameBytes(_ name: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard name.utf8.count == bytes.count else { return false }
        func same(_ stored: UnsafeRawBufferPointer) -> Bool { RawBytes.equal(stored, bytes) }
        if let known = name.utf8.withContiguousStorageIfAvailable({ same(UnsafeRawBufferPointer($0)) }) { return known }
        return Array(name.utf8).withUnsafeBytes { same($0) }
    }

    private mutating func grow() {
        let old = slots
        slots = NameIndex.emptySlots(NameIndex.tableSize(for: max(count + 1, old.count)))
        count = 0
        for i in old.indices where old[i].position >= 0 { insertIfAbsent(old[i].name, position: Int(old[i].position)) }
    }

    /// The smallest power of two at least twice `capacity` (and at least 4).
    private static func tableSize(for capacity: Int) -> Int {
        var size = 4
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    private static func emptySlots(_ size: Int) -> [Slot] {
        Array(repeating: Slot(name: "", hash: 0, position: -1), count: size)
    }

    /// Words of eight bytes mixed by multiply and rotate, the tail byte by byte, then folded to 32
    /// bits. Native and small strings expose their bytes in place; others are copied once.
    @inline(__always)
    static func hash(_ name: String) -> UInt32 {
        if let h = name.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return h }
        return Array(name.utf8).withUnsafeBytes { hash($0) }
    }

    private static let seed = UInt64.random(in: 1...UInt64.max)

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = seed &+ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = ((h ^ word) &* 0xFF51_AFD7_ED55_8CCD)
            h = (h << 29) | (h >> 35)
            i += 8
        }
        while i < bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= h >> 32
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h)
    }
}
