// Interning of long names within one parse: `aws_cloudwatch_log_group` is allocated once per file.

/// Swift stores strings of up to 15 UTF-8 bytes inline; longer names would be heap-allocated at
/// every mention. This open-addressing table hands out one shared `String` per distinct name.
struct NameTable {
    private var keys: [(offset: Int, length: Int)]
    private var values: [String]
    private var used = 0
    private var mask: Int

    init() {
        keys = Array(repeating: (0, 0), count: 64)
        values = Array(repeating: "", count: 64)
        mask = 63
    }

    mutating func name(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let length = end - start
        if length <= 15 { return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self) }
        // FNV-1a over the bytes.
        var hash: UInt64 = 0xcbf29ce484222325
        var i = start
        while i < end {
            hash = (hash ^ UInt64(buffer[i])) &* 0x100000001b3
            i += 1
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = keys[slot]
            if key.length == 0 { break }
            if key.length == length, equal(buffer, key.offset, start, length) { return values[slot] }
            slot = (slot + 1) & mask
        }
        let value = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        keys[slot] = (start, length)
        values[slot] = value
        used += 1
        if used * 2 > mask { grow(buffer) }
        return value
    }

    private func equal(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ length: Int) -> Bool {
        var k = 0
        while k < length {
            if buffer[a + k] != buffer[b + k] { return false }
            k += 1
        }
        return true
    }

    private mutating func grow(_ buffer: UnsafeBufferPointer<UInt8>) {
        let oldKeys = keys, oldValues = values
        let capacity = (mask + 1) * 2
        keys = Array(repeating: (0, 0), count: capacity)
        values = Array(repeating: "", count: capacity)
        mask = capacity - 1
        for (index, key) in oldKeys.enumerated() where key.length > 0 {
            var hash: UInt64 = 0xcbf29ce484222325
            for i in key.offset..<(key.offset + key.length) { hash = (hash ^ UInt64(buffer[i])) &* 0x100000001b3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while keys[slot].length != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}
