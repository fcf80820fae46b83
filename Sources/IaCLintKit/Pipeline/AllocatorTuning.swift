// glibc malloc settings for a short-lived process that builds a large graph and exits.

import CAllocator

public enum AllocatorTuning {
    /// With glibc's defaults a large scan spent as much time in the kernel as in iaclint (100 MB synthetic
    /// repository: 9.2 s system time against 10.8 s user): growing arrays above the mmap threshold were
    /// mapped and unmapped on every reallocation, and freed heap tops were trimmed and faulted back in.
    /// Keeping big blocks on the heap, never trimming and growing the heap in 64 MB steps took it to
    /// 2.8 s. Memory is returned when the process exits moments later. Call once, before any work.
    public static func applyForBatchRun() {
        iaclint_tune_allocator_for_batch_run()
    }
}
