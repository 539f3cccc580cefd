#include "postmortem/rollup.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "postmortem/parallel.h"
#include "postmortem/text.h"

/* A front matter scalar as text, or NULL when absent or not a scalar. */
static char *fm_string(const pm_doc *doc, const char *key)
{
	const pm_ynode *node = doc->fm ? pm_ymap_get(doc->fm, key) : NULL;
	if (!node || node->type != PM_Y_SCALAR || pm_ynode_is_null(node))
		return NULL;
	/* A "\0" escape in YAML ends the text there: no NUL reaches a writer. */
	return pm_xstrdup(node->value);
}

static char *field_value(const pm_action *action, const char *key)
{
	const pm_action_field *f = pm_action_field_get(action, key);
	return f ? pm_xstrdup(f->value) : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? pm_xstrdup(s) : NULL;
}

void pm_rollup_add_doc(pm_rollup *r, const pm_doc *doc, pm_date today)
{
	pm_docrow *row;
	pm_grow(&r->docs, &r->docs_cap, r->ndocs + 1, sizeof(*r->docs));
	row = &r->docs[r->ndocs++];
	memset(row, 0, sizeof(*row));
	row->id = pm_xstrdup(doc->id);
	row->path = pm_xstrdup(doc->path);
	row->date = fm_string(doc, "date");
	row->has_date = row->date && pm_date_parse(row->date, strlen(row->date), &row->date_value);
	row->severity = fm_string(doc, "severity");
	row->status = fm_string(doc, "status");
	row->title = fm_string(doc, "title");

	for (size_t i = 0; i < doc->nactions; i++) {
		const pm_action *a = &doc->actions[i];
		pm_item *it;
		pm_grow(&r->items, &r->cap, r->count + 1, sizeof(*r->items));
		it = &r->items[r->count++];
		memset(it, 0, sizeof(*it));
		it->id = pm_xasprintf("%s#%d", doc->id, a->number);
		it->document = pm_xstrdup(doc->id);
		it->path = pm_xstrdup(doc->path);
		it->number = a->number;
		it->line = a->line;
		it->title = pm_xstrdup(a->title);
		/* An item without a checkbox counts as open (contract 3.5). */
		it->done = a->box == PM_BOX_DONE;
		it->owner = field_value(a, "owner");
		it->due = field_value(a, "due");
		it->has_due = it->due && pm_date_parse(it->due, strlen(it->due), &it->due_date);
		it->type = field_value(a, "type");
		it->ticket = field_value(a, "ticket");
		it->overdue = !it->done && it->has_due && pm_date_compare(it->due_date, today) < 0;
		it->severity = dup_or_null(row->severity);
		it->date = dup_or_null(row->date);
		it->doc_title = dup_or_null(row->title);
		if (it->done)
			row->done++;
		else
			row->open++;
		if (it->overdue)
			row->overdue++;
	}
}

/* Documents are read and parsed this many at a time, so that memory
 * holds one batch of files, not the whole repository. */
#define BATCH 256

typedef struct {
	const pm_config *cfg;
	char *const *paths;
	char *bufs[BATCH]; /* NULL: could not be read */
	size_t lens[BATCH];
	pm_doc docs[BATCH];
	pm_diags diags[BATCH]; /* one list per document */
} parse_job;

static void parse_one(void *ctx, size_t i)
{
	parse_job *j = ctx;
	if (!j->bufs[i])
		return;
	pm_doc_parse(&j->docs[i], j->cfg, j->paths[i], j->bufs[i], j->lens[i], &j->diags[i]);
	free(j->bufs[i]);
	j->bufs[i] = NULL;
}

int pm_rollup_collect(pm_rollup *r, pm_docsource *src, const pm_config *cfg, pm_date today, unsigned jobs,
		      pm_diags *unreadable, char **why)
{
	pm_strlist paths = {0};
	parse_job *j;
	if (pm_docsource_list(src, &paths, why) != 0) {
		pm_strlist_clear(&paths);
		return -1;
	}
	j = pm_xcalloc(1, sizeof(*j));
	j->cfg = cfg;
	for (size_t start = 0; start < paths.count; start += BATCH) {
		size_t n = paths.count - start < BATCH ? paths.count - start : BATCH;
		j->paths = paths.items + start;
		for (size_t i = 0; i < n; i++) {
			char reason[256];
			if (pm_docsource_read(src, j->paths[i], &j->bufs[i], &j->lens[i], reason, sizeof(reason)) != 0) {
				j->bufs[i] = NULL;
				pm_diags_add(&j->diags[i], j->paths[i], 1, 1, PM_ERROR, PM_RULE_FILE_INVALID, "%s",
					     reason);
			}
		}
		pm_parallel_for(n, jobs, parse_one, j);
		for (size_t i = 0; i < n; i++) {
			/* Without readable front matter the body is not parsed:
			 * nothing is known of the document, so it is reported,
			 * not rolled up. */
			if (!j->docs[i].path || j->docs[i].state != PM_DOC_OK) {
				const pm_diag *d = &j->diags[i].items[0];
				pm_diags_add(unreadable, d->path, d->line, d->column, d->severity, d->rule, "%s",
					     d->message);
			} else {
				pm_rollup_add_doc(r, &j->docs[i], today);
			}
			pm_diags_clear(&j->diags[i]);
			pm_doc_free(&j->docs[i]);
		}
	}
	free(j);
	pm_strlist_clear(&paths);
	return 0;
}

static void item_free(pm_item *it)
{
	free(it->id);
	free(it->document);
	free(it->path);
	free(it->title);
	free(it->owner);
	free(it->due);
	free(it->type);
	free(it->ticket);
	free(it->severity);
	free(it->date);
	free(it->doc_title);
}

static void docrow_free(pm_docrow *row)
{
	free(row->id);
	free(row->path);
	free(row->date);
	free(row->severity);
	free(row->status);
	free(row->title);
}

void pm_rollup_free(pm_rollup *r)
{
	for (size_t i = 0; i < r->count; i++)
		item_free(&r->items[i]);
	for (size_t i = 0; i < r->ndocs; i++)
		docrow_free(&r->docs[i]);
	free(r->items);
	free(r->docs);
	memset(r, 0, sizeof(*r));
}

/* ---- filters ---- */

/* The comparable form of an owner: without '@', case-folded; NULL when
 * there is nothing to compare. */
static char *owner_key(const char *owner)
{
	char *key;
	if (!owner)
		return NULL;
	while (*owner == ' ' || *owner == '\t')
		owner++;
	if (*owner == '@')
		owner++;
	key = pm_title_key(owner, strlen(owner));
	if (key && !*key) {
		free(key);
		key = NULL;
	}
	return key;
}

bool pm_owner_matches(const char *owner, const char *wanted)
{
	char *a = owner_key(owner), *b = owner_key(wanted);
	bool same = a && b && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

static bool any_owner(const pm_strlist *owners, const char *owner)
{
	for (size_t i = 0; i < owners->count; i++)
		if (pm_owner_matches(owner, owners->items[i]))
			return true;
	return false;
}

/* A value from an option list, compared ASCII-case-insensitively. */
static bool listed(const pm_strlist *list, const char *value)
{
	return value && pm_strlist_find_icase(list, value) >= 0;
}

bool pm_item_matches(const pm_item *item, const pm_item_filter *filter)
{
	if ((filter->status == PM_WANT_OPEN && item->done) || (filter->status == PM_WANT_DONE && !item->done))
		return false;
	if (filter->owners.count && !any_owner(&filter->owners, item->owner))
		return false;
	if (filter->types.count && !listed(&filter->types, item->type))
		return false;
	if (filter->severities.count && !listed(&filter->severities, item->severity))
		return false;
	if (filter->overdue && !item->overdue)
		return false;
	if (filter->has_due_before && !(item->has_due && pm_date_compare(item->due_date, filter->due_before) < 0))
		return false;
	return true;
}

void pm_rollup_filter(pm_rollup *r, const pm_item_filter *filter)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->count; i++) {
		if (pm_item_matches(&r->items[i], filter))
			r->items[kept++] = r->items[i];
		else
			item_free(&r->items[i]);
	}
	r->count = kept;
}

/* ---- order ---- */

static int compare_int(long a, long b)
{
	return (a > b) - (a < b);
}

/* Items without a date go last. */
static int compare_dates(bool has_a, pm_date a, bool has_b, pm_date b)
{
	if (has_a != has_b)
		return has_a ? -1 : 1;
	return has_a ? pm_date_compare(a, b) : 0;
}

static int compare_due_then_id(const pm_item *a, const pm_item *b)
{
	int c = compare_dates(a->has_due, a->due_date, b->has_due, b->due_date);
	if (!c)
		c = strcmp(a->document, b->document);
	/* Two documents of one id (id-duplicate) stay apart. */
	if (!c)
		c = strcmp(a->path, b->path);
	return c ? c : compare_int(a->number, b->number);
}

typedef struct {
	pm_item item;
	char *group; /* the owner key, or the document id; NULL: last */
} sort_entry;

static int compare_entries(const void *pa, const void *pb)
{
	const sort_entry *a = pa, *b = pb;
	int c = 0;
	if (!a->group != !b->group)
		return a->group ? -1 : 1;
	if (a->group)
		c = strcmp(a->group, b->group);
	return c ? c : compare_due_then_id(&a->item, &b->item);
}

void pm_items_sort(pm_item *items, size_t count, pm_group_by group)
{
	sort_entry *e;
	if (count < 2)
		return;
	e = pm_xcalloc(count, sizeof(*e));
	for (size_t i = 0; i < count; i++) {
		e[i].item = items[i];
		if (group == PM_GROUP_OWNER)
			e[i].group = owner_key(items[i].owner);
		else if (group == PM_GROUP_POSTMORTEM)
			e[i].group = pm_xstrdup(items[i].document);
	}
	qsort(e, count, sizeof(*e), compare_entries);
	for (size_t i = 0; i < count; i++) {
		items[i] = e[i].item;
		free(e[i].group);
	}
	free(e);
}

bool pm_items_same_group(const pm_item *a, const pm_item *b, pm_group_by group)
{
	switch (group) {
	case PM_GROUP_OWNER: {
		char *ka = owner_key(a->owner), *kb = owner_key(b->owner);
		bool same = (!ka && !kb) || (ka && kb && strcmp(ka, kb) == 0);
		free(ka);
		free(kb);
		return same;
	}
	case PM_GROUP_POSTMORTEM:
		return strcmp(a->document, b->document) == 0;
	default:
		return true;
	}
}

void pm_docrows_filter(pm_rollup *r, const pm_strlist *statuses)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->ndocs; i++) {
		if (listed(statuses, r->docs[i].status))
			r->docs[kept++] = r->docs[i];
		else
			docrow_free(&r->docs[i]);
	}
	r->ndocs = kept;
}

static int compare_docrows(const void *pa, const void *pb)
{
	const pm_docrow *a = pa, *b = pb;
	int c = 0;
	/* Newest first; a document without a valid date after all others. */
	if (a->has_date != b->has_date)
		return a->has_date ? -1 : 1;
	if (a->has_date)
		c = pm_date_compare(b->date_value, a->date_value);
	if (!c)
		c = strcmp(a->id, b->id);
	return c ? c : strcmp(a->path, b->path);
}

void pm_docrows_sort(pm_docrow *rows, size_t count)
{
	if (count > 1)
		qsort(rows, count, sizeof(*rows), compare_docrows);
}

pm_date pm_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	pm_date d = {1970, 1, 1};
	if (localtime_r(&now, &tm)) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}
