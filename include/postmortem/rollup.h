/* The rollup: every action item of every document in one list, and one
 * row per document, for `actions` and `list` (contract section 5).
 *
 * Built from parsed documents; filtering, sorting and grouping are pure
 * functions of the list, so the writers in src/out only print. */
#ifndef POSTMORTEM_ROLLUP_H
#define POSTMORTEM_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/doc.h"
#include "postmortem/docsource.h"
#include "postmortem/ptime.h"
#include "postmortem/util.h"

/* One action item. Strings are NULL when the document leaves them out. */
typedef struct {
	char *id;       /* DOCUMENT-ID#N */
	char *document; /* the document's id */
	char *path;     /* from the repository root */
	int number;     /* N */
	int line;
	char *title;
	bool done;
	char *owner;
	char *due;      /* as written */
	bool has_due;   /* due is a real YYYY-MM-DD date */
	pm_date due_date;
	char *type;
	char *ticket;
	bool overdue;   /* open, and due before today */
	char *severity; /* the document's */
	char *date;     /* the document's */
	char *doc_title;
} pm_item;

/* One document, for `list`. */
typedef struct {
	char *id;
	char *path;
	char *date; /* as written */
	bool has_date;
	pm_date date_value;
	char *severity;
	char *status;
	char *title;
	size_t open, overdue, done;
} pm_docrow;

typedef struct {
	pm_item *items;
	size_t count, cap;
	pm_docrow *docs;
	size_t ndocs, docs_cap;
} pm_rollup;

/* Adds the document's row and its action items. A document whose parse
 * stopped early (file-invalid, front matter problems) has nothing to add
 * and must not be passed here. */
void pm_rollup_add_doc(pm_rollup *r, const pm_doc *doc, pm_date today);

/* Reads the documents of src in this thread (libgit2 objects are read
 * here), a batch at a time, parses each batch on up to `jobs` threads (0:
 * one per core) and adds the readable documents in path order. Each document that cannot be read
 * adds its first diagnostic (file-invalid or frontmatter-*) to
 * unreadable. Returns 0, or -1 with *why when src cannot be listed. */
int pm_rollup_collect(pm_rollup *r, pm_docsource *src, const pm_config *cfg, pm_date today, unsigned jobs,
		      pm_diags *unreadable, char **why);

void pm_rollup_free(pm_rollup *r);

typedef enum { PM_WANT_OPEN, PM_WANT_DONE, PM_WANT_ALL } pm_want;

/* What `actions` keeps. Lists are alternatives (any may match); an empty
 * list keeps everything. */
typedef struct {
	pm_want status;
	pm_strlist owners;     /* "@alice" and "alice" alike, any case */
	pm_strlist types;      /* any case */
	pm_strlist severities; /* any case */
	bool overdue;
	bool has_due_before;
	pm_date due_before; /* keeps items due before this day */
} pm_item_filter;

/* Whether the owner written in a document is the one asked for: an '@'
 * in front is ignored on both sides, and case too (Unicode case folding). */
bool pm_owner_matches(const char *owner, const char *wanted);
bool pm_item_matches(const pm_item *item, const pm_item_filter *filter);
/* Drops the items that do not match. */
void pm_rollup_filter(pm_rollup *r, const pm_item_filter *filter);

typedef enum { PM_GROUP_NONE, PM_GROUP_OWNER, PM_GROUP_POSTMORTEM } pm_group_by;

/* Sorts by group (owners by name, items without one last; documents by
 * id), then by due date (items without one last), then by id. */
void pm_items_sort(pm_item *items, size_t count, pm_group_by group);
/* Whether a and b belong to one group (always true for PM_GROUP_NONE). */
bool pm_items_same_group(const pm_item *a, const pm_item *b, pm_group_by group);

/* Keeps the documents whose status is one of statuses (any case). */
void pm_docrows_filter(pm_rollup *r, const pm_strlist *statuses);

/* Documents newest first (by date; a document without a valid date
 * last), then by id. */
void pm_docrows_sort(pm_docrow *rows, size_t count);

/* Today in the local time zone. */
pm_date pm_today(void);

#endif
