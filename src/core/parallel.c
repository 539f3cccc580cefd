#include "postmortem/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define MAX_THREADS 16

typedef struct {
	size_t count;
	atomic_size_t next;
	void (*fn)(void *ctx, size_t i);
	void *ctx;
} loop;

static void *worker(void *arg)
{
	loop *l = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&l->next, 1);
		if (i >= l->count)
			return NULL;
		l->fn(l->ctx, i);
	}
}

void pm_parallel_for(size_t count, unsigned jobs, void (*fn)(void *ctx, size_t i), void *ctx)
{
	pthread_t threads[MAX_THREADS];
	unsigned started = 0;
	loop l;
	if (jobs == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cores > 0 ? (unsigned)cores : 1;
	}
	if (jobs > MAX_THREADS)
		jobs = MAX_THREADS;
	/* A thread pays for itself only with a few documents to parse. */
	if (count < 8)
		jobs = 1;
	l.count = count;
	atomic_init(&l.next, 0);
	l.fn = fn;
	l.ctx = ctx;
	/* A thread that cannot be started leaves its share to the others. */
	for (unsigned t = 1; t < jobs; t++)
		if (pthread_create(&threads[started], NULL, worker, &l) == 0)
			started++;
	worker(&l);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
}
