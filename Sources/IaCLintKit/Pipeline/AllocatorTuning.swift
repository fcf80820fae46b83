// glibc malloc settings for a short-lived process that builds a large graph and exits.

import CAllocator
import Dispatch
import Synchronization

public enum AllocatorTuning {
    /// With glibc's defaults a large scan spent as much time in the kernel as in iaclint (100 MB synthetic
    /// repository: 9.2 s system time against 10.8 s user): growing arrays above the mmap threshold were
    /// mapped and unmapped on every reallocation, and freed heap tops were trimmed and faulted back in.
    /// Keeping big blocks on the heap, never trimming and growing the heap in 64 MB steps took it to
    /// 2.8 s. Memory is returned when the process exits moments later. Call once, before any work.
    public static func applyForBatchRun() {
        iaclint_tune_allocator_for_batch_run()
        tunedForBatchRun.store(true, ordering: .relaxed)
    }

    private static let tunedForBatchRun = Atomic<Bool>(false)

    /// After the Terraform load of a batch run, the pages of freed memory go back to the system, on a
    /// background thread while the main thread joins the graphs, when more than `slack` bytes are
    /// resident beyond the heap in use. Which arena frees what depends on thread timing: when the
    /// disk is slow or the machine busy, the load could end with 30-50 MB more resident than in use
    /// (100 MB synthetic repository, cold page cache: 311 MB resident, 255 MB in use), and the peak
    /// then passed 350 MB; given back, the same run peaked at 324 MB. A trim takes 11-16 ms and
    /// holds each arena's lock in turn, which slowed the next phase by 5-10 ms, so a usual run
    /// (about 21 MB of slack) is not trimmed. Without the batch tuning (tests, a library caller)
    /// nothing is done.
    static func returnFreePagesAfterLoad() {
        guard tunedForBatchRun.load(ordering: .relaxed) else { return }
        DispatchQueue.global(qos: .utility).async { _ = iaclint_return_free_heap_pages(AllocatorTuning.trimSlack) }
    }

    /// Resident bytes beyond the heap in use that a trim is worth (binary and stacks included).
    static let trimSlack: Int64 = 40 << 20
}
