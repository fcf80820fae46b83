// mallopt lives in <malloc.h>, which Swift's Glibc module does not export.
#include "CAllocator.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc, which the checks below need

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void iaclint_tune_allocator_for_batch_run(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

long long iaclint_heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 info = mallinfo2();
    return (long long)(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

void iaclint_return_free_heap_pages(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
