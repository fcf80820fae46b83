// A map whose items are taken one at a time by whoever is free: one background thread from the
// start, every core once the caller has finished its own work. Results keep the input order.

import Dispatch
import IaCLintCore
import Synchronization

/// Lets a cheaper phase run beside a costlier one without taking its cores: the background thread
/// fills the cores the other phase leaves idle, and what is left when the caller comes back is
/// shared out on every core, so a phase that turns out to be the larger one is not left to a
/// single thread.
final class SharedCursorMap<Item: Sendable, Result: Sendable>: @unchecked Sendable {  // slots: one writer each
    private let items: [Item]
    private let transform: @Sendable (Item) -> Result
    /// The next item to take; every taker advances it, so each item is taken exactly once.
    private let cursor = Atomic<Int>(0)
    private let slots: UnsafeMutableBufferPointer<Result?>
    private let backgroundDone = DispatchSemaphore(value: 0)
    private let collected = Atomic<Bool>(false)

    /// Starts taking items on a background thread at once.
    init(_ items: [Item], _ transform: @escaping @Sendable (Item) -> Result) {
        self.items = items
        self.transform = transform
        slots = .allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        DispatchQueue.global().async { [self] in
            drain()
            backgroundDone.signal()
        }
    }

    deinit {
        // The background thread holds `self` until it has signalled, so it is done by now.
        slots.baseAddress?.deinitialize(count: slots.count)
        slots.deallocate()
    }

    private func drain() {
        while true {
            let i = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < items.count else { return }
            slots[i] = transform(items[i])
        }
    }

    /// True once every item has been taken (tests).
    var allTakenForTesting: Bool { cursor.load(ordering: .relaxed) >= items.count }

    /// Takes the items still left on every core, waits for the background thread's last one, and
    /// returns every result in input order. Call once.
    func finish() -> [Result] {
        precondition(!collected.exchange(true, ordering: .relaxed), "SharedCursorMap.finish called twice")
        if cursor.load(ordering: .relaxed) < items.count {
            DispatchQueue.concurrentPerform(iterations: Concurrency.processorCount) { _ in drain() }
        }
        backgroundDone.wait()
        var out: [Result] = []
        out.reserveCapacity(items.count)
        for i in 0..<items.count {
            guard let result = slots[i] else { preconditionFailure("SharedCursorMap: item \(i) was never taken") }
            out.append(result)
        }
        return out
    }
}
