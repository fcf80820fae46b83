// A parser-owned stack that collects the elements of a syntax-tree array and hands them out as an exact-size array.

/// Arrays built by appending (or with a guessed `reserveCapacity`) waste space, and a syntax tree
/// holds hundreds of thousands of them: every wasted byte is written (page-faulted) when a tree is
/// built and touched again when it is freed. Each list being parsed pushes its elements here, on
/// top of those of the enclosing lists, and `take(from:)` moves them into one array of exactly the
/// right size (a move: no retain or release per element). Nested lists finish first, so each
/// list's elements are contiguous. The lexer also collects its tokens in one (the parser reads
/// them in place). The owner calls `deallocate()`.
/// Without a starting capacity the buffer is allocated on first use, below 512 bytes: glibc serves
/// small requests from its fast lists, while every large one first consolidates all freed small chunks.
struct ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    /// Starts with room for `capacity` elements (for a list whose size is known roughly).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        guard let base else { return }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The element at `index`, which must be below `count`.
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count)
        return base.unsafelyUnwrapped[index] // count > 0, so the buffer exists
    }

    /// Moves the elements from `start` to the top into a new array of exactly that size.
    mutating func take(from start: Int) -> [Element] {
        guard start >= 0, start < count, let base else { return [] }
        // `reserveCapacity` and `append` are specialized for the element type;
        // `Array(unsafeUninitializedCapacity:)` looked up generic metadata at run time on every call
        // (measured again in session 8: one block move saved 30 M instructions on the 10 MB synthetic
        // repository, the metadata lookups cost 55 M).
        var result: [Element] = []
        result.reserveCapacity(count - start)
        for i in start..<count { result.append((base + i).move()) }
        count = start
        return result
    }

    /// A view of all the elements (valid until the next push or `deallocate()`).
    var view: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    private mutating func grow() {
        let newCapacity = capacity == 0 ? max(2, 448 / max(1, MemoryLayout<Element>.stride)) : capacity * 2
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    func deallocate() {
        guard let base else { return }
        base.deinitialize(count: count)
        base.deallocate()
    }
}
