#include "postmortem/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/doc.h"

/* ---- exclude globs ---- */

struct pm_exclude {
	git_pathspec *names; /* globs without '/': any name at any depth */
	git_pathspec *paths; /* globs with '/': the path from the directory */
};

static int make_spec(git_pathspec **out, pm_strlist *globs)
{
	git_strarray arr;
	*out = NULL;
	if (!globs->count)
		return 0;
	arr.strings = globs->items;
	arr.count = globs->count;
	return git_pathspec_new(out, &arr);
}

pm_exclude *pm_exclude_new(const pm_strlist *globs, const char **why)
{
	pm_exclude *ex = pm_xcalloc(1, sizeof(*ex));
	pm_strlist names = {0}, paths = {0};
	int rc;
	for (size_t i = 0; i < globs->count; i++) {
		char *g = pm_xstrdup(globs->items[i]);
		size_t len = strlen(g);
		while (len > 1 && g[len - 1] == '/')
			g[--len] = '\0'; /* "build/" names a folder at any depth */
		if (!strchr(g, '/')) {
			pm_strlist_add_owned(&names, g);
			continue;
		}
		/* A leading '/' anchors, as it does already. */
		pm_strlist_add(&paths, g[0] == '/' ? g + 1 : g);
		/* "**\/x" matches x at the top too. */
		if (strncmp(g, "**/", 3) == 0)
			pm_strlist_add(strchr(g + 3, '/') ? &paths : &names, g + 3);
		free(g);
	}
	rc = make_spec(&ex->names, &names);
	if (!rc)
		rc = make_spec(&ex->paths, &paths);
	pm_strlist_clear(&names);
	pm_strlist_clear(&paths);
	if (rc) {
		*why = "an exclude glob is not valid";
		pm_exclude_free(ex);
		return NULL;
	}
	return ex;
}

bool pm_exclude_matches(const pm_exclude *ex, const char *path)
{
	/* A path is excluded when it or any folder above it matches. */
	char *copy;
	bool hit = false;
	if (!ex)
		return false;
	copy = pm_xstrdup(path);
	for (char *end = copy;; end++) {
		if (*end == '/' || *end == '\0') {
			char saved = *end;
			char *name;
			*end = '\0';
			name = strrchr(copy, '/');
			name = name ? name + 1 : copy;
			if ((ex->names && git_pathspec_matches_path(ex->names, GIT_PATHSPEC_USE_CASE, name) == 1) ||
			    (ex->paths && git_pathspec_matches_path(ex->paths, GIT_PATHSPEC_USE_CASE, copy) == 1))
				hit = true;
			*end = saved;
			if (hit || saved == '\0')
				break;
		}
	}
	free(copy);
	return hit;
}

void pm_exclude_free(pm_exclude *ex)
{
	if (!ex)
		return;
	git_pathspec_free(ex->names);
	git_pathspec_free(ex->paths);
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
			if (pm_exclude_matches(ex, child_rel)) {
				free(child_rel);
				continue;
			}
			if (is_md(ent->d_name)) {
				/* Whatever it is (a folder, a FIFO, a link), a *.md is
				 * a document; reading it says what is wrong. */
				pm_strlist_add_owned(out, pm_xasprintf("%s/%s", dir, child_rel));
				free(child_rel);
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
	qsort(out->items + first, out->count - first, sizeof(char *), compare_strings);
	return 0;
}

/* ---- reading ---- */

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
	struct stat st;
	int fd;
	if (stat(path, &st) != 0) {
		if (errno == ELOOP)
			snprintf(why, why_size, "the file is a symbolic link loop");
		else
			snprintf(why, why_size, "the file cannot be read: %s", strerror(errno));
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
		snprintf(why, why_size, "the file cannot be read: %s", strerror(errno));
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
			snprintf(why, why_size, "the file cannot be read: %s", strerror(errno));
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
