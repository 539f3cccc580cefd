/* Where documents come from: finding them and reading their bytes.
 *
 * This source is the working tree; the index and revisions come
 * behind the same functions later. */
#ifndef POSTMORTEM_SOURCE_H
#define POSTMORTEM_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/config.h"
#include "postmortem/util.h"

/* The exclude globs, matched as .gitignore matches. */
typedef struct pm_exclude pm_exclude;

/* Returns NULL and sets *why (static text) when a glob cannot be used. */
pm_exclude *pm_exclude_new(const pm_strlist *globs, const char **why);
/* path is relative to the postmortem directory, '/'-separated; is_dir
 * says whether its last part is a folder (for globs ending in '/'). */
bool pm_exclude_matches(const pm_exclude *ex, const char *path, bool is_dir);
void pm_exclude_free(pm_exclude *ex);

/* Lists the documents under root/dir (every *.md, recursively, without
 * hidden names, excluded paths, or symlinked folders), as paths relative
 * to root, sorted. A missing directory is no documents. Returns 0, or -1
 * with errno set when a folder cannot be read. */
int pm_worktree_list(pm_strlist *out, const char *root, const char *dir, const pm_exclude *ex,
		     char **failed_path);

/* Lists the *.md files directly in dir (not hidden), as dir/name. */
int pm_folder_list(pm_strlist *out, const char *dir);

/* Reads a document. Returns 0 with *buf (malloc'd, NUL-terminated) and
 * *len; or -1 with why[] saying what is wrong (not a regular file, a
 * symlink loop, unreadable, over 16 MiB): a file-invalid diagnostic. */
int pm_read_document(const char *path, char **buf, size_t *len, char *why, size_t why_size);

/* Reads any small file whole (the configuration). Returns 0, or -1 with
 * errno set (ENOENT when absent). */
int pm_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
