#include "postmortem/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/doc.h"

/* ---- exclude globs ----
 *
 * Matched as .gitignore matches. git_pathspec was the first choice, but
 * its star crosses '/' and its double star cannot match zero folders in
 * the middle of a glob, so the rules are implemented here over libc's
 * fnmatch, one path segment at a time. */

typedef struct {
	char **segments; /* the glob split at '/'; "**" stands for any folders */
	size_t count;
	bool anchored; /* held a '/' (other than at the end): matched from the top */
	bool dir_only; /* ended in '/' */
	bool negated;  /* started with '!' */
} glob_rule;

struct pm_exclude {
	glob_rule *rules;
	size_t count;
};

static void split_segments(const char *path, char ***out, size_t *count)
{
	size_t cap = 0;
	*out = NULL;
	*count = 0;
	while (*path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		if (len) {
			pm_grow(out, &cap, *count + 1, sizeof(**out));
			(*out)[(*count)++] = pm_xstrndup(path, len);
		}
		path += len;
		while (*path == '/')
			path++;
	}
}

static void free_segments(char **segments, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(segments[i]);
	free(segments);
}

pm_exclude *pm_exclude_new(const pm_strlist *globs, const char **why)
{
	pm_exclude *ex = pm_xcalloc(1, sizeof(*ex));
	ex->rules = pm_xcalloc(globs->count ? globs->count : 1, sizeof(*ex->rules));
	for (size_t i = 0; i < globs->count; i++) {
		const char *g = globs->items[i];
		glob_rule *r = &ex->rules[ex->count];
		size_t len;
		char *body;
		if (*g == '!') {
			r->negated = true;
			g++;
		}
		len = strlen(g);
		body = pm_xstrndup(g, len);
		while (len > 0 && body[len - 1] == '/') {
			body[--len] = '\0';
			r->dir_only = true;
		}
		r->anchored = strchr(body, '/') != NULL;
		split_segments(body, &r->segments, &r->count);
		free(body);
		if (r->count == 0) {
			free_segments(r->segments, r->count);
			*why = "an exclude glob is empty";
			pm_exclude_free(ex);
			return NULL;
		}
		ex->count++;
	}
	return ex;
}

/* Whether glob segments match path segments; "**" matches any number of
 * whole segments. Trying each way that each "**" could match takes
 * exponential time when a glob holds many of them (a hostile exclude
 * list could hang every command); so this fills in, from the end, which
 * tails of the glob match which tails of the path: at most (glob
 * segments x path segments) steps. */
static bool match_segments(char *const *glob, size_t nglob, char *const *path, size_t npath)
{
	/* row[j]: glob[i..] matches path[j..], for the i being filled in;
	 * it starts as i == nglob, where only the empty tail of the path
	 * matches. */
	bool *row = pm_xcalloc(npath + 1, sizeof(*row));
	bool result;
	row[npath] = true;
	for (size_t i = nglob; i-- > 0;) {
		if (strcmp(glob[i], "**") == 0) {
			/* Zero segments (row[j] as it is), or one more. */
			for (size_t j = npath; j-- > 0;)
				row[j] = row[j] || row[j + 1];
		} else {
			for (size_t j = 0; j < npath; j++)
				row[j] = row[j + 1] && fnmatch(glob[i], path[j], 0) == 0;
			row[npath] = false;
		}
	}
	result = row[0];
	free(row);
	return result;
}

static bool rule_matches(const glob_rule *r, char *const *segments, size_t n, bool is_dir)
{
	if (r->dir_only && !is_dir)
		return false;
	if (r->anchored)
		return match_segments(r->segments, r->count, segments, n);
	/* No '/': the name alone, at any depth. */
	return r->count == 1 && fnmatch(r->segments[0], segments[n - 1], 0) == 0;
}

bool pm_exclude_matches(const pm_exclude *ex, const char *path, bool is_dir)
{
	char **segments;
	size_t n;
	bool excluded = false;
	if (!ex || !ex->count)
		return false;
	split_segments(path, &segments, &n);
	/* Folder by folder from the top: an excluded folder excludes all
	 * below it (nothing inside can be re-included, as in git); in one
	 * place the last matching glob wins, so "!x" re-includes. */
	for (size_t depth = 1; depth <= n && !excluded; depth++) {
		bool folder = depth < n || is_dir;
		for (size_t i = 0; i < ex->count; i++)
			if (rule_matches(&ex->rules[i], segments, depth, folder))
				excluded = !ex->rules[i].negated;
	}
	free_segments(segments, n);
	return excluded;
}

void pm_exclude_free(pm_exclude *ex)
{
	if (!ex)
		return;
	for (size_t i = 0; i < ex->count; i++)
		free_segments(ex->rules[i].segments, ex->rules[i].count);
	free(ex->rules);
	free(ex);
}

/* ---- listing ---- */

static bool is_md(const char *name)
{
	size_t len = strlen(name);
	return len > 3 && strcmp(name + len - 3, ".md") == 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pm_worktree_list(pm_strlist *out, const char *root, const char *dir, const pm_exclude *ex,
		     char **failed_path)
{
	/* Folders to visit, relative to dir ("" is dir itself); a stack, not
	 * recursion, so deep trees cannot exhaust the C stack. */
	pm_strlist todo = {0};
	size_t first = out->count;
	int rc = 0;
	*failed_path = NULL;
	pm_strlist_add(&todo, "");
	while (todo.count) {
		char *rel = todo.items[--todo.count];
		char *full = *rel ? pm_xasprintf("%s/%s/%s", root, dir, rel) : pm_xasprintf("%s/%s", root, dir);
		DIR *d = opendir(full);
		struct dirent *ent;
		if (!d) {
			/* No directory is no documents; a folder that vanished
			 * mid-walk is no loss either. */
			if (errno != ENOENT) {
				*failed_path = full;
				free(rel);
				rc = -1;
				break;
			}
			free(full);
			free(rel);
			continue;
		}
		while ((ent = readdir(d))) {
			char *child_rel;
			bool is_dir;
			if (ent->d_name[0] == '.')
				continue;
			child_rel = *rel ? pm_xasprintf("%s/%s", rel, ent->d_name) : pm_xstrdup(ent->d_name);
			if (ent->d_type == DT_UNKNOWN) {
				struct stat st;
				char *p = pm_xasprintf("%s/%s", full, ent->d_name);
				is_dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
				free(p);
			} else {
				is_dir = ent->d_type == DT_DIR;
			}
			if (pm_exclude_matches(ex, child_rel, is_dir)) {
				free(child_rel);
				continue;
			}
			if (is_md(ent->d_name)) {
				/* Whatever it is (a folder, a FIFO, a link), a *.md is
				 * a document; reading it says what is wrong. */
				if (strcmp(dir, ".") == 0)
					pm_strlist_add_owned(out, child_rel);
				else {
					pm_strlist_add_owned(out, pm_xasprintf("%s/%s", dir, child_rel));
					free(child_rel);
				}
			} else if (is_dir) {
				pm_strlist_add_owned(&todo, child_rel);
			} else {
				free(child_rel);
			}
		}
		closedir(d);
		free(full);
		free(rel);
	}
	pm_strlist_clear(&todo);
	if (out->count - first > 1)
		qsort(out->items + first, out->count - first, sizeof(char *), compare_strings);
	return rc;
}

int pm_folder_list(pm_strlist *out, const char *dir)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *ent;
	size_t first = out->count;
	if (!d)
		return -1;
	while ((ent = readdir(d)))
		if (ent->d_name[0] != '.' && is_md(ent->d_name))
			pm_strlist_add_owned(out, *dir ? pm_xasprintf("%s/%s", dir, ent->d_name)
						       : pm_xstrdup(ent->d_name));
	closedir(d);
	if (out->count - first > 1)
		qsort(out->items + first, out->count - first, sizeof(char *), compare_strings);
	return 0;
}

/* ---- reading ---- */

/* strerror is not thread-safe; documents are read on several threads. */
static const char *errtext(int errnum, char *buf, size_t size)
{
	return strerror_r(errnum, buf, size);
}

static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a regular file";
}

static int read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 8192, n = 0;
	char *data = pm_xmalloc(cap);
	for (;;) {
		ssize_t got;
		if (n + 1 >= cap) {
			cap *= 2;
			data = pm_xrealloc(data, cap);
		}
		got = read(fd, data + n, cap - n - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			free(data);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			free(data);
			errno = EFBIG;
			return -1;
		}
	}
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

int pm_read_document(const char *path, char **buf, size_t *len, char *why, size_t why_size)
{
	char err[128];
	struct stat st;
	int fd;
	if (stat(path, &st) != 0) {
		if (errno == ELOOP)
			snprintf(why, why_size, "the file is a symbolic link loop");
		else
			snprintf(why, why_size, "the file cannot be read: %s", errtext(errno, err, sizeof(err)));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "the path is %s, not a regular file", kind_of(st.st_mode));
		return -1;
	}
	if ((size_t)st.st_size > PM_MAX_FILE_SIZE) {
		snprintf(why, why_size, "the file is larger than 16 MiB");
		return -1;
	}
	/* O_NONBLOCK: if the file was swapped for a FIFO since stat, opening
	 * it must not hang. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "the file cannot be read: %s", errtext(errno, err, sizeof(err)));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "the path is not a regular file");
		close(fd);
		return -1;
	}
	if (read_fd(fd, PM_MAX_FILE_SIZE, buf, len) != 0) {
		if (errno == EFBIG)
			snprintf(why, why_size, "the file is larger than 16 MiB");
		else
			snprintf(why, why_size, "the file cannot be read: %s", errtext(errno, err, sizeof(err)));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int pm_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int rc;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	rc = read_fd(fd, max, buf, len);
	close(fd);
	return rc;
}
