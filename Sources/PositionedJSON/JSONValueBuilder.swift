// State for building many Values from one document: one String per distinct key, one Value per
// distinct scalar, and reusable scratch buffers for the members of objects and arrays.

import IaCLintCore

/// A plan repeats the same attribute names, and many of the same values ("STANDARD", `true`,
/// `30`, the same policy text), across thousands of resources. A `Value` is a reference to a
/// box, so a repeated scalar can be one shared box instead of one allocation per occurrence.
/// Used only for values without source ranges (ranges make every value distinct).
public struct JSONValueBuilder: Sendable {
    private var entryScratch: [[ObjectEntry]] = []
    private var itemScratch: [[Value]] = []
    private var keys: RecentTable<String>
    private var strings: RecentTable<Value>
    private var numbers: RecentTable<Value>
    private let trueValue = Value(.bool(true))
    private let falseValue = Value(.bool(false))
    private let emptyList = Value(.list([]))
    private let emptyObject = Value(.object([]))
    /// Longer strings are rarely repeated; not worth hashing.
    public let maximumLength: Int
    /// Bound on each table. A full table starts over: instances of one resource type sit
    /// together in a plan, so recent strings are the ones that repeat, and memory stays bounded
    /// when most strings are unique (names, ARNs).
    public let capacity: Int

    public init(maximumLength: Int = 256, capacity: Int = 1 << 14) {
        self.maximumLength = maximumLength
        self.capacity = capacity
        keys = RecentTable(capacity: capacity)
        strings = RecentTable(capacity: capacity)
        numbers = RecentTable(capacity: capacity)
    }

    public var count: Int { keys.count + strings.count + numbers.count }
    var isEnabled: Bool { capacity > 0 }

    /// Byte equality through the string's contiguous UTF-8 (Swift strings are native UTF-8).
    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { own in
            guard own.count == bytes.count else { return false }
            for k in 0..<own.count where own[k] != bytes[k] { return false }
            return true
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        return hash ^ UInt64(bytes.count)
    }

    /// The string for valid UTF-8 bytes; strings of up to 15 bytes are inline in Swift and are
    /// not worth a table entry.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15, bytes.count <= maximumLength else { return String(decoding: bytes, as: UTF8.self) }
        let hash = JSONValueBuilder.hash(bytes)
        if let existing = keys.find(hash, where: { JSONValueBuilder.equal($0, bytes) }) { return existing }
        let string = String(decoding: bytes, as: UTF8.self)
        keys.insert(hash, string)
        return string
    }

    /// A string value (no range) shared with every other occurrence of the same text.
    public mutating func stringValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Value {
        guard bytes.count <= maximumLength else { return Value(.string(String(decoding: bytes, as: UTF8.self))) }
        let hash = JSONValueBuilder.hash(bytes)
        if let existing = strings.find(hash, where: { $0.stringValue.map { JSONValueBuilder.equal($0, bytes) } ?? false }) {
            return existing
        }
        let value = Value(.string(String(decoding: bytes, as: UTF8.self)))
        strings.insert(hash, value)
        return value
    }

    public mutating func numberValue(_ number: Double) -> Value {
        // Mixed so that nearby numbers spread over the table.
        let key = (number.bitPattern ^ (number.bitPattern >> 29)) &* 0xBF58476D1CE4E5B9
        if let existing = numbers.find(key, where: { $0.numberValue?.bitPattern == number.bitPattern }) { return existing }
        let value = Value(.number(number))
        numbers.insert(key, value)
        return value
    }

    public func boolValue(_ b: Bool) -> Value { b ? trueValue : falseValue }

    // MARK: Scratch buffers, one per nesting level, reused for every container at that level.

    mutating func takeEntryScratch(_ level: Int) -> [ObjectEntry] {
        while entryScratch.count <= level { entryScratch.append([]) }
        return swapOut(&entryScratch[level])
    }

    mutating func returnEntryScratch(_ scratch: inout [ObjectEntry], _ level: Int) {
        scratch.removeAll(keepingCapacity: true)
        if level < entryScratch.count { entryScratch[level] = swapOut(&scratch) }
    }

    mutating func takeItemScratch(_ level: Int) -> [Value] {
        while itemScratch.count <= level { itemScratch.append([]) }
        return swapOut(&itemScratch[level])
    }

    mutating func returnItemScratch(_ scratch: inout [Value], _ level: Int) {
        scratch.removeAll(keepingCapacity: true)
        if level < itemScratch.count { itemScratch[level] = swapOut(&scratch) }
    }

    private func swapOut<T>(_ array: inout [T]) -> [T] {
        var out: [T] = []
        swap(&out, &array)
        return out
    }
    /// Shared empty containers (filled containers are built fresh).
    public var emptyListValue: Value { emptyList }
    public var emptyObjectValue: Value { emptyObject }
}

/// A small open-addressing table keyed by a precomputed 64-bit hash (no re-hashing through
/// `Hasher`), holding the most recent entries: it grows up to `capacity` entries, then starts over.
struct RecentTable<Element: Sendable>: Sendable {
    private var hashes: [UInt64] = []
    private var elements: [Element?] = []
    private var mask = 0
    private let limit: Int
    private(set) var count = 0

    init(capacity: Int) { limit = capacity }

    func find(_ hash: UInt64, where matches: (Element) -> Bool) -> Element? {
        guard !hashes.isEmpty else { return nil }
        let h = hash | 1  // 0 marks an empty slot
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 {
            if hashes[i] == h, let element = elements[i], matches(element) { return element }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ hash: UInt64, _ element: Element) {
        guard limit > 0 else { return }
        if count >= limit {
            for k in hashes.indices { hashes[k] = 0; elements[k] = nil }
            count = 0
        } else if count * 2 >= hashes.count {
            grow()
        }
        place(hash | 1, element)
        count += 1
    }

    private mutating func place(_ h: UInt64, _ element: Element) {
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 { i = (i + 1) & mask }
        hashes[i] = h
        elements[i] = element
    }

    /// Doubles the slots (at most twice the capacity, so probes stay short) and re-places.
    private mutating func grow() {
        let oldHashes = hashes, oldElements = elements
        let slots = max(64, hashes.count * 2)
        hashes = Array(repeating: 0, count: slots)
        elements = Array(repeating: nil, count: slots)
        mask = slots - 1
        for k in oldHashes.indices where oldHashes[k] != 0 {
            if let element = oldElements[k] { place(oldHashes[k], element) }
        }
    }
}
