// mallopt lives in <malloc.h>, which Swift's Glibc module does not export.
#include "CAllocator.h"

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
