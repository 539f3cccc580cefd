#include "postmortem/check.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "postmortem/doc.h"
#include "postmortem/source.h"
#include "postmortem/util.h"

void pm_check_buffer(const pm_config *cfg, const char *display_path, const char *buf, size_t len,
		     const pm_idset *ids, pm_diags *diags)
{
	pm_doc doc;
	pm_doc_parse(&doc, cfg, display_path, buf, len, diags);
	pm_rules_check(cfg, &doc, ids, diags);
	pm_doc_free(&doc);
}

static void check_target(const pm_config *cfg, const pm_target *t, pm_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	char why[256];
	if (t->unreadable) {
		pm_diags_add(diags, t->display_path, 1, 1, PM_ERROR, PM_RULE_FILE_INVALID, "%s", t->unreadable);
		return;
	}
	if (t->data) {
		pm_check_buffer(cfg, t->display_path, t->data, t->len, t->ids, diags);
		return;
	}
	if (pm_read_document(t->read_path, &buf, &len, why, sizeof(why)) != 0) {
		pm_diags_add(diags, t->display_path, 1, 1, PM_ERROR, PM_RULE_FILE_INVALID, "%s", why);
		return;
	}
	pm_check_buffer(cfg, t->display_path, buf, len, t->ids, diags);
	free(buf);
}

typedef struct {
	const pm_config *cfg;
	const pm_target *targets;
	size_t count;
	atomic_size_t next;
	pm_diags *results; /* one list per target, merged in order after */
} job;

static void *worker(void *arg)
{
	job *j = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1);
		if (i >= j->count)
			break;
		check_target(j->cfg, &j->targets[i], &j->results[i]);
	}
	return NULL;
}

void pm_check_targets(const pm_config *cfg, const pm_target *targets, size_t count, unsigned jobs,
		      pm_diags *diags)
{
	job j;
	pthread_t threads[16];
	unsigned started = 0;
	if (jobs == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cores > 0 ? (unsigned)cores : 1;
	}
	if (jobs > 16)
		jobs = 16;
	/* Threads pay for themselves only with a few documents each. */
	if (count < 8)
		jobs = 1;
	j.cfg = cfg;
	j.targets = targets;
	j.count = count;
	atomic_init(&j.next, 0);
	j.results = pm_xcalloc(count ? count : 1, sizeof(*j.results));
	for (unsigned t = 1; t < jobs; t++)
		if (pthread_create(&threads[started], NULL, worker, &j) == 0)
			started++;
	worker(&j);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < count; i++)
		pm_diags_move(diags, &j.results[i]);
	free(j.results);
}
