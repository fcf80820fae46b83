// A fast hash of an ASCII string's bytes for the model's own look-up tables (equality of the bytes
// is `RawBytes.sameUTF8`).

/// `String`'s own hashing runs SipHash over the Unicode-normalised text and costs about 300-500
/// instructions for an address; this reads eight bytes at a time and costs a tenth of that.
/// It answers only for ASCII text, where two strings are equal exactly when their bytes are: a
/// table that uses it must fall back to `String` comparison for anything else, so its answers stay
/// those of `==` (canonical equivalence: U+212A KELVIN SIGN equals "K").
enum ASCIIHash {
    /// The hash of `text`'s bytes, or nil when `text` is not all ASCII (or has no contiguous bytes).
    @inline(__always)  // inlined, the caller need not retain the string around a call
    static func of(_ text: String) -> UInt64? {
        if let hash = text.utf8.withContiguousStorageIfAvailable({ of(bytes: UnsafeRawBufferPointer($0)) }) { return hash }
        var copy = text
        return copy.withUTF8 { of(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func of(bytes: UnsafeRawBufferPointer) -> UInt64? {
        let count = bytes.count
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        var high: UInt64 = 0
        var i = 0
        while i + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            high |= tail
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return high & 0x8080_8080_8080_8080 == 0 ? h : nil
    }
}
