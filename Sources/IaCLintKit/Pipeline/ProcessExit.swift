// Objects a run hands to process exit: freeing a large graph node by node costs time no one waits for.

import Synchronization

enum ProcessExit {
    private static let kept = Mutex<[LintResult]>([])

    /// Holds `result` until the process ends, so it is never deallocated piecemeal.
    static func keepUntilExit(_ result: LintResult) {
        kept.withLock { $0.append(result) }
    }
}
