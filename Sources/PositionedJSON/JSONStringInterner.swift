// Shares one String per distinct text among repeated keys and values of a large document.

/// Strings of 16+ UTF-8 bytes live on the heap; a plan repeats the same attribute names (and
/// often the same values) across thousands of resources. Interning makes them one allocation.
/// Short strings are stored inline by Swift and are never interned.
public struct JSONStringInterner: Sendable {
    private var table: [UInt64: String] = [:]
    /// Longer strings are rarely repeated; not worth hashing.
    public let maximumLength: Int
    /// Bound on the table, so documents of unique strings do not grow it without end.
    public let capacity: Int

    public init(maximumLength: Int = 256, capacity: Int = 1 << 16) {
        self.maximumLength = maximumLength
        self.capacity = capacity
    }

    public var count: Int { table.count }

    /// The string for UTF-8 bytes known to be valid.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15, bytes.count <= maximumLength else { return String(decoding: bytes, as: UTF8.self) }
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        hash ^= UInt64(bytes.count)
        if let existing = table[hash] {
            if existing.utf8.elementsEqual(bytes) { return existing }
            return String(decoding: bytes, as: UTF8.self)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if table.count < capacity { table[hash] = string }
        return string
    }
}
