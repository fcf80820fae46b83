// Strings joined from a few parts with one allocation: addresses, address prefixes and the details
// of unknown values, which evaluation builds for every resource, instance and computed attribute.

/// `a + b + c + d + e` (the later parts may be left out) in a string sized once and filled by
/// copying bytes. `+` and interpolation append part by part through String's general append path,
/// about 600 instructions each and a reallocation when the first part's buffer is full (80 M
/// instructions of string appends in tf-real's evaluation).
func joined(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
    // One part alone is that string itself, its buffer shared (a root's empty address prefix).
    if c.isEmpty, d.isEmpty, e.isEmpty {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
    }
    let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
    // Up to 15 bytes a String holds its text inline, without a buffer to size.
    guard count > 15 else { return a + b + c + d + e }
    return String(unsafeUninitializedCapacity: count) { buffer in
        var at = copyUTF8(a, into: buffer, at: 0)
        at = copyUTF8(b, into: buffer, at: at)
        at = copyUTF8(c, into: buffer, at: at)
        at = copyUTF8(d, into: buffer, at: at)
        return copyUTF8(e, into: buffer, at: at)
    }
}

/// Copies `s`'s UTF-8 bytes into `buffer` at `offset`; returns the end. `buffer` has room: it was
/// sized from the parts' UTF-8 counts.
@inline(__always)
private func copyUTF8(_ s: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
    if s.isEmpty { return offset }
    if let end = s.utf8.withContiguousStorageIfAvailable({ bytes -> Int? in
        guard let from = bytes.baseAddress, let to = buffer.baseAddress, offset + bytes.count <= buffer.count else { return nil }
        (to + offset).initialize(from: from, count: bytes.count)
        return offset + bytes.count
    }), let end {
        return end
    }
    var at = offset
    for byte in s.utf8 where at < buffer.count {
        buffer[at] = byte
        at += 1
    }
    return at
}
