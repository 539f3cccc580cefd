#include "postmortem/check.h"

#include <stdlib.h>

#include "postmortem/doc.h"
#include "postmortem/parallel.h"
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
	pm_diags *results; /* one list per target, merged in order after */
} job;

static void check_one(void *ctx, size_t i)
{
	job *j = ctx;
	check_target(j->cfg, &j->targets[i], &j->results[i]);
}

void pm_check_targets(const pm_config *cfg, const pm_target *targets, size_t count, unsigned jobs,
		      pm_diags *diags)
{
	job j;
	j.cfg = cfg;
	j.targets = targets;
	j.results = pm_xcalloc(count ? count : 1, sizeof(*j.results));
	pm_parallel_for(count, jobs, check_one, &j);
	for (size_t i = 0; i < count; i++)
		pm_diags_move(diags, &j.results[i]);
	free(j.results);
}
