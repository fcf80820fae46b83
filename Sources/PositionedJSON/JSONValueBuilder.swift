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
    private var keys: [UInt64: String] = [:]
    private var strings: [UInt64: Value] = [:]
    private var numbers: [UInt64: Value] = [:]
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
    }

    public var count: Int { keys.count + strings.count + numbers.count }
    var isEnabled: Bool { capacity > 0 }

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
        if let existing = keys[hash] {
            if existing.utf8.elementsEqual(bytes) { return existing }
            return String(decoding: bytes, as: UTF8.self)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
        keys[hash] = string
        return string
    }

    /// A string value (no range) shared with every other occurrence of the same text.
    public mutating func stringValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Value {
        guard bytes.count <= maximumLength else { return Value(.string(String(decoding: bytes, as: UTF8.self))) }
        let hash = JSONValueBuilder.hash(bytes)
        if let existing = strings[hash] {
            if existing.stringValue?.utf8.elementsEqual(bytes) == true { return existing }
            return Value(.string(String(decoding: bytes, as: UTF8.self)))
        }
        let value = Value(.string(String(decoding: bytes, as: UTF8.self)))
        if strings.count >= capacity { strings.removeAll(keepingCapacity: true) }
        strings[hash] = value
        return value
    }

    public mutating func numberValue(_ number: Double) -> Value {
        let key = number.bitPattern
        if let existing = numbers[key] { return existing }
        let value = Value(.number(number))
        if numbers.count >= capacity { numbers.removeAll(keepingCapacity: true) }
        numbers[key] = value
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
