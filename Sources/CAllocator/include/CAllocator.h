// glibc allocator settings for iaclint's batch runs (see AllocatorTuning.swift for the figures).
#ifndef IACLINT_CALLOCATOR_H
#define IACLINT_CALLOCATOR_H

/// Keeps large blocks on the heap, never trims it, and grows it in big steps. No-op off glibc.
void iaclint_tune_allocator_for_batch_run(void);

/// Gives the pages of every arena's free chunks back to the system (glibc malloc_trim) when more
/// than `slack` bytes are resident beyond the heap in use; returns 1 when it trimmed. No-op off glibc.
int iaclint_return_free_heap_pages(long long slack);

/// Bytes of heap in use now (glibc mallinfo2), or -1 off glibc: phase timings report it.
long long iaclint_heap_in_use(void);

#endif
