// mallopt lives in <malloc.h>, which Swift's Glibc module does not export.
#include "CAllocator.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc, which the checks below need
#include <string.h>

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

#if defined(__GLIBC__)
#include <fcntl.h>
#include <unistd.h>

/// Resident bytes now (the second field of /proc/self/statm, in pages), or -1.
static long long resident_bytes(void) {
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char buffer[128];
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (n <= 0) return -1;
    buffer[n] = 0;
    char *space = strchr(buffer, ' ');
    if (space == NULL) return -1;
    return atoll(space + 1) * (long long)sysconf(_SC_PAGESIZE);
}
#endif

int iaclint_return_free_heap_pages(long long slack) {
#if defined(__GLIBC__)
    long long resident = resident_bytes();
    if (resident < 0 || resident - iaclint_heap_in_use() <= slack) return 0;
    malloc_trim(0);
    return 1;
#else
    (void)slack;
    return 0;
#endif
}
