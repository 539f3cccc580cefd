/* Running one function over the indexes 0..count-1 on several threads. */
#ifndef POSTMORTEM_PARALLEL_H
#define POSTMORTEM_PARALLEL_H

#include <stddef.h>

/* Calls fn(ctx, i) once for every i below count, on up to `jobs` threads
 * (0: one per core, at most 16), the calling thread among them. Returns
 * when every call has returned. fn must only touch what index i owns. */
void pm_parallel_for(size_t count, unsigned jobs, void (*fn)(void *ctx, size_t i), void *ctx);

#endif
