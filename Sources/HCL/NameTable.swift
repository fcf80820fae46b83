// Interning of names and plain string text within one parse: each distinct byte string becomes one `String`.

/// Making a `String` from bytes validates the UTF-8 and, past 15 bytes, allocates: about 200
/// instructions a call. Terraform repeats the same few hundred names and values over and over, so
/// hashing the bytes (8 at a time) and returning the `String` made at the first mention is several
/// times cheaper, and repeated long texts share one heap buffer. Each distinct text also gets a
/// small integer id (in order of first mention), which the parser uses to find duplicate attributes
/// without hashing or comparing strings. The slots are a raw buffer (the probe loop reads memory
/// directly, with no copy-on-write checks), owned by the parser, which calls `deallocate()`; a
/// class would have paid a dynamic exclusivity check on every lookup.
struct NameTable {
    private struct Slot {
        var start: Int
        var length: Int32
        /// -1 marks an empty slot.
        var id: Int32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// The interned strings, indexed by id.
    private(set) var strings: [String] = []
    /// Long texts made by earlier parses (see `SharedNameCache`); given back by `deallocate()`.
    private let shared = SharedNameCache.take()

    /// `expected`: about how many lookups will come (the table starts at twice that, at least 64 slots).
    init(expected: Int = 32) {
        var capacity = 64
        while capacity < expected * 2, capacity < 1 << 20 { capacity *= 2 }
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(start: 0, length: 0, id: -1), count: capacity)
        mask = capacity - 1
        strings.reserveCapacity(expected)
    }

    /// Frees the slots; the strings handed out stay valid.
    func deallocate() {
        slots.deallocate()
        SharedNameCache.give(shared)
    }

    var count: Int { strings.count }

    /// The interned text of `buffer[start..<end]`.
    @inline(__always)
    mutating func name(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        end > start ? strings[id(buffer, start, end)] : ""
    }

    /// The id of `buffer[start..<end]` (non-empty), interning it on first sight. The lookup is
    /// inlined into the parser; adding a new text is not.
    @inline(__always)
    mutating func id(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let length = end &- start
        let hash = NameTable.hash(buffer, start, length)
        var slot = hash & mask
        while true {
            let s = slots[slot]
            if s.id < 0 { break }
            if Int(s.length) == length, NameTable.equal(buffer, s.start, start, length) { return Int(s.id) }
            slot = (slot &+ 1) & mask
        }
        return insert(buffer, start, end, at: slot, hash: hash)
    }

    @inline(never)
    private mutating func insert(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, at slot: Int, hash: Int) -> Int {
        let length = end - start
        let id = strings.count
        let bytes = UnsafeBufferPointer(rebasing: buffer[start..<end])
        // Up to 15 bytes a String is inline: nothing to share, and making one was no dearer than a cache hit.
        strings.append(length > 15 ? shared.string(bytes, hash: hash, make: NameTable.makeString) : NameTable.makeString(bytes))
        slots[slot] = Slot(start: start, length: Int32(truncatingIfNeeded: length), id: Int32(truncatingIfNeeded: id))
        if strings.count * 2 > mask { grow(buffer) }
        return id
    }

    /// Like `String(decoding:as: UTF8.self)` (invalid UTF-8 is repaired the same way), but a short
    /// ASCII text becomes a small string without the general validation path: about a third of the cost.
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(bytes))
            return bytes.count
        }
    }

    /// A multiplicative hash over 8-byte words; the tail is one (masked) load when the buffer allows.
    @inline(__always)
    private static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base + start)
        var h = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        let rest = length - i
        if rest > 0 {
            var tail: UInt64
            if start + i + 8 <= buffer.count {
                tail = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & (~UInt64(0) >> UInt64(64 - 8 * rest))
            } else {
                tail = 0
                var k = rest - 1
                while k >= 0 { tail = tail << 8 | UInt64(raw.load(fromByteOffset: i + k, as: UInt8.self)); k -= 1 }
            }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private static func equal(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ length: Int) -> Bool {
        guard let base = buffer.baseAddress else { return length == 0 }
        let pa = UnsafeRawPointer(base + a), pb = UnsafeRawPointer(base + b)
        var k = 0
        while k + 8 <= length {
            if pa.loadUnaligned(fromByteOffset: k, as: UInt64.self) != pb.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        let rest = length - k
        if rest > 0, max(a, b) + k + 8 <= buffer.count {
            // Both tails in one masked 8-byte load each.
            let keep = ~UInt64(0) >> UInt64(64 - 8 * rest)
            return (pa.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ pb.loadUnaligned(fromByteOffset: k, as: UInt64.self)) & keep == 0
        }
        while k < length {
            if pa.load(fromByteOffset: k, as: UInt8.self) != pb.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }

    private mutating func grow(_ buffer: UnsafeBufferPointer<UInt8>) {
        let old = slots, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(start: 0, length: 0, id: -1), count: capacity)
        mask = capacity - 1
        for k in 0..<oldCapacity where old[k].id >= 0 {
            let s = old[k]
            var slot = NameTable.hash(buffer, s.start, Int(s.length)) & mask
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
        old.deallocate()
    }
}
