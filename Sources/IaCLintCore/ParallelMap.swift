// Runs independent per-file work on every core, keeping results in input order.

import Dispatch
#if canImport(Glibc)
import Glibc
#endif

public enum Concurrency {
    /// Processors online, at least 1.
    public static let processorCount: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()
}

extension Array where Element: Sendable {
    /// `map` across all cores; the output order is the input order, so reports stay deterministic.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ResultSlots<T>(count: count)
        self.withUnsafeBufferPointer { input in
            let base = UnsafeSendablePointer(input)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                results.store(transform(base.buffer[i]), at: i)
            }
        }
        return results.collect()
    }
}

/// One slot per input; each index is written by exactly one iteration, so no lock is needed.
private final class ResultSlots<T>: @unchecked Sendable {
    // Raw storage rather than an array property: concurrent writes to distinct indices of a class's
    // array would trip Swift's exclusivity checks.
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.baseAddress?.deinitialize(count: slots.count)
        slots.deallocate()
    }
    func store(_ value: T, at index: Int) { slots[index] = value }
    func collect() -> [T] { slots.compactMap { $0 } }
}

private struct UnsafeSendablePointer<E>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<E>
    init(_ buffer: UnsafeBufferPointer<E>) { self.buffer = buffer }
}
