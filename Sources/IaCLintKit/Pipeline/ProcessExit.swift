// Objects a run hands to process exit: freeing a large graph node by node costs time no one waits for.

import Synchronization

enum ProcessExit {
    private static let kept = Mutex<[any Sendable]>([])

    /// Holds `value` (a run's result, its report) until the process ends, so it is never
    /// deallocated piecemeal.
    static func keepUntilExit(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
