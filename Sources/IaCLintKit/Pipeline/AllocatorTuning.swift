// glibc malloc settings for a short-lived process that builds a large graph and exits.

import CAllocator
#if canImport(Glibc)
import Glibc
#endif

public enum AllocatorTuning {
    /// With glibc's defaults a large scan spent as much time in the kernel as in iaclint (100 MB synthetic
    /// repository: 9.2 s system time against 10.8 s user): growing arrays above the mmap threshold were
    /// mapped and unmapped on every reallocation, and freed heap tops were trimmed and faulted back in.
    /// Keeping big blocks on the heap, never trimming and growing the heap in 64 MB steps took it to
    /// 2.8 s. Memory is returned when the process exits moments later. Call once, before any work.
    public static func applyForBatchRun() {
        iaclint_tune_allocator_for_batch_run()
    }

    /// Hands the pages of freed memory back to the system (glibc `malloc_trim(0)`), once, after a
    /// large structure is freed. The graph's memory is freed in small scattered blocks that the
    /// sources and reports, which want large ones, mostly cannot reuse: they grew the heap past the
    /// graph's peak (100 MB scan: 376 MB after the rules, 397 MB after the report). Returned, those
    /// pages no longer count, and the later phases start from the memory actually in use.
    /// A no-op where the C library has no `malloc_trim`.
    static func returnFreedPages() {
        #if canImport(Glibc)
        // Looked up rather than declared: Swift's Glibc module does not export <malloc.h>.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
