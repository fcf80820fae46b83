// A parser-owned stack that collects the elements of a syntax-tree array and hands them out as an exact-size array.

/// Arrays built by appending (or with a guessed `reserveCapacity`) waste space, and a syntax tree
/// holds hundreds of thousands of them: every wasted byte is written (page-faulted) when a tree is
/// built and touched again when it is freed. Each list being parsed pushes its elements here, on
/// top of those of the enclosing lists, and `take(from:)` moves them into one array of exactly the
/// right size (a move: no retain or release per element). Nested lists finish first, so each
/// list's elements are contiguous. Owned by the parser, which calls `deallocate()`.
struct ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 32) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The element at `index`, which must be below `count`.
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count)
        return base[index]
    }

    /// The newest element, if any lies at or above `start`.
    func last(from start: Int) -> Element? { count > start && start >= 0 ? base[count - 1] : nil }

    /// Moves the elements from `start` to the top into a new array of exactly that size.
    mutating func take(from start: Int) -> [Element] {
        guard start >= 0, start < count else { return [] }
        // `reserveCapacity` and `append` are specialized for the element type;
        // `Array(unsafeUninitializedCapacity:)` looked up generic metadata at run time on every call.
        var result: [Element] = []
        result.reserveCapacity(count - start)
        for i in start..<count { result.append((base + i).move()) }
        count = start
        return result
    }

    private mutating func grow() {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity *= 2
    }

    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
