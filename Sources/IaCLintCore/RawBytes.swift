// Equality of byte strings, eight bytes at a time: the pools, name tables and address tables of
// every front end compare whole names and paths on each hash match.

public enum RawBytes {
    /// Whether two buffers hold the same bytes. A loop over `UInt64` loads beats a `memcmp` call for
    /// these lengths, and the generic `elementsEqual` cost about 20 instructions a byte.
    @inlinable
    public static func equal(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
        guard x.count == y.count else { return false }
        var i = 0
        while i + 8 <= x.count {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < x.count {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether two strings have the same UTF-8 bytes (not `==`, which also holds for canonically
    /// equivalent text), read in place when both are contiguous (always, for native strings).
    @inlinable
    public static func sameUTF8(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let inPlace = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in equal(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
        }
        if let known = inPlace ?? nil { return known }
        return a.utf8.elementsEqual(b.utf8)
    }
}
