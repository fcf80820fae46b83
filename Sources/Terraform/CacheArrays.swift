// Evaluation caches created empty: arrays of an enum's payload-free case, one per declaration.

extension Array {
    /// `Array(repeating: make(), count: count)` with each element stored directly. The generic
    /// `Array(repeating:count:)` copied the repeated value into every slot through the enum's
    /// outlined copy (a switch on its case per element, 50-100 instructions each): with `make`
    /// inlined to a case without payload, each slot is a plain store. tf-real's module instances
    /// create 20,000 such arrays (`Memo`, `KeptFlow`, ...), 37 M instructions before.
    @inline(__always)
    static func filled(_ count: Int, with make: () -> Element) -> [Element] {
        let count = Swift.max(0, count)
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer.initializeElement(at: i, to: make()) }
            initialized = count
        }
    }
}
