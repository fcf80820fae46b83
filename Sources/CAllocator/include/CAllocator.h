// glibc allocator settings for iaclint's batch runs (see AllocatorTuning.swift for the figures).
#ifndef IACLINT_CALLOCATOR_H
#define IACLINT_CALLOCATOR_H

/// Keeps large blocks on the heap, never trims it, and grows it in big steps. No-op off glibc.
void iaclint_tune_allocator_for_batch_run(void);

#endif
