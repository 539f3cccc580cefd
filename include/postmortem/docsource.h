/* Where documents come from: the working tree, the index, or the tree of
 * any revision, behind one interface that validate and the rollup share.
 * Everything about the index and revisions goes through libgit2. */
#ifndef POSTMORTEM_DOCSOURCE_H
#define POSTMORTEM_DOCSOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/util.h"
#include "postmortem/workspace.h"

typedef enum {
	PM_SRC_WORKTREE, /* the files on disk */
	PM_SRC_INDEX,    /* what the next commit would record */
	PM_SRC_REV       /* the tree of a revision, without a checkout */
} pm_src_kind;

typedef struct pm_docsource pm_docsource;

/* Opens a source. rev (PM_SRC_REV only) is anything git rev-parse takes.
 * Returns 0, or -1 with *why (malloc'd): no repository, a bad revision. */
int pm_docsource_open(pm_docsource **out, pm_workspace *ws, pm_src_kind kind, const char *rev, char **why);
pm_src_kind pm_docsource_kind(const pm_docsource *src);

/* Every document of the source (the configured directory, the exclude
 * globs, no hidden names), as paths from the root, sorted. Returns 0, or
 * -1 with *why. */
int pm_docsource_list(pm_docsource *src, pm_strlist *out, char **why);

/* Index only: the documents whose index entry differs from HEAD's tree
 * (every document on an unborn branch), conflicted ones included. */
int pm_docsource_staged(pm_docsource *src, pm_strlist *out, char **why);

/* Reads one document (a path from the root). Returns 0 with *buf
 * (malloc'd, NUL-terminated) and *len; or -1 with why[] saying what makes
 * it unreadable (a file-invalid diagnostic): not there, not a regular
 * file, a merge conflict, over 16 MiB. */
int pm_docsource_read(pm_docsource *src, const char *path, char **buf, size_t *len, char *why,
		      size_t why_size);

/* Whether the source holds anything at this path (a path from the root),
 * readable or not. */
bool pm_docsource_has(pm_docsource *src, const char *path);

void pm_docsource_free(pm_docsource *src);

#endif
