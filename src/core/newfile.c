#include "postmortem/newfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "postmortem/atomic.h"
#include "postmortem/util.h"

/* Walking up needs no read permission on the folders above with O_PATH. */
#ifdef O_PATH
#define PM_O_LOOKUP O_PATH
#else
#define PM_O_LOOKUP O_RDONLY
#endif

/* Whether the folder fd is root or lies below it, found by walking up
 * through "..": the physical place, whatever links led there. Returns 1,
 * 0, or -1 with errno set. */
static int is_inside(int fd, const struct stat *root)
{
	int cur = dup(fd);
	int result = -1;
	if (cur < 0)
		return -1;
	/* Bounded: no real tree is this deep. */
	for (int depth = 0; depth < 4096; depth++) {
		struct stat here, up_st;
		int up;
		if (fstat(cur, &here) != 0)
			break;
		if (here.st_dev == root->st_dev && here.st_ino == root->st_ino) {
			result = 1;
			break;
		}
		up = openat(cur, "..", PM_O_LOOKUP | O_DIRECTORY | O_CLOEXEC);
		if (up < 0)
			break;
		if (fstat(up, &up_st) != 0) {
			close(up);
			break;
		}
		close(cur);
		cur = up;
		if (up_st.st_dev == here.st_dev && up_st.st_ino == here.st_ino) {
			result = 0; /* "/" is its own parent */
			break;
		}
	}
	close(cur);
	return result;
}

int pm_dir_open_inside(const char *root, const char *rel, bool create, char **why)
{
	struct stat root_st;
	int cur = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pm_buf done = {0};
	const char *p = rel;

	*why = NULL;
	if (cur < 0 || fstat(cur, &root_st) != 0) {
		*why = pm_xasprintf("cannot open the work tree '%s': %s", root, strerror(errno));
		if (cur >= 0)
			close(cur);
		return -1;
	}
	while (*p) {
		size_t n = strcspn(p, "/");
		char *part = pm_xstrndup(p, n);
		int next, inside;
		p += n;
		while (*p == '/')
			p++;
		if (n == 0 || strcmp(part, ".") == 0) {
			free(part);
			continue;
		}
		if (done.len)
			pm_buf_addc(&done, '/');
		pm_buf_adds(&done, part);
		if (strcmp(part, "..") == 0) {
			*why = pm_xasprintf("'%s': '..' would leave the work tree", done.data);
			free(part);
			goto fail;
		}
		next = openat(cur, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create) {
			if (mkdirat(cur, part, 0777) != 0 && errno != EEXIST) {
				*why = pm_xasprintf("cannot create the folder '%s': %s", done.data, strerror(errno));
				free(part);
				goto fail;
			}
			next = openat(cur, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		}
		free(part);
		if (next < 0) {
			*why = pm_xasprintf("cannot open the folder '%s': %s", done.data, strerror(errno));
			goto fail;
		}
		close(cur);
		cur = next;
		/* Checked at every step, so nothing is made below a folder
		 * outside the work tree. */
		inside = is_inside(cur, &root_st);
		if (inside != 1) {
			*why = inside == 0 ? pm_xasprintf("'%s' leads outside the work tree (a symbolic link?)",
							  done.data)
					   : pm_xasprintf("cannot check where '%s' lies: %s", done.data,
							  strerror(errno));
			goto fail;
		}
	}
	pm_buf_free(&done);
	return cur;
fail:
	pm_buf_free(&done);
	close(cur);
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A hidden temporary file in dirfd holding data, synced. Returns its
 * name (malloc'd), or NULL with *why. */
static char *write_temporary(int dirfd, const char *data, size_t len, char **why)
{
	static unsigned counter;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	for (int attempt = 0; attempt < 100; attempt++) {
		/* Named as pm_is_temp_name knows it (see atomic.h). */
		char *name = pm_xasprintf(PM_TEMP_PREFIX "%ld-%u-%lx" PM_TEMP_SUFFIX, (long)getpid(), counter++,
					  (unsigned long)now.tv_nsec ^ ((unsigned long)attempt << 20));
		int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0) {
			int err = errno;
			free(name);
			if (err == EEXIST)
				continue;
			*why = pm_xasprintf("cannot create a file: %s", strerror(err));
			return NULL;
		}
		if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
			int err = errno;
			close(fd);
			unlinkat(dirfd, name, 0);
			free(name);
			*why = pm_xasprintf("cannot write a file: %s", strerror(err));
			return NULL;
		}
		if (close(fd) != 0) {
			int err = errno;
			unlinkat(dirfd, name, 0);
			free(name);
			*why = pm_xasprintf("cannot write a file: %s", strerror(err));
			return NULL;
		}
		return name;
	}
	*why = pm_xstrdup("cannot create a temporary file: too many exist");
	return NULL;
}

/* Gives the temporary file each name that next() offers until one is
 * free. link(2) fails with EEXIST rather than replace a file, which is
 * what makes creation exclusive, even between processes. A file system
 * without hard links (vfat, some network and FUSE ones) gets the same
 * from rename with RENAME_NOREPLACE. */
typedef char *(*name_fn)(void *ctx, unsigned attempt);

int pm_name_exclusively(int dirfd, const char *from, const char *to, bool *moved)
{
	int err;
	*moved = false;
	if (linkat(dirfd, from, dirfd, to, 0) == 0)
		return 0;
	err = errno;
	if (err != EPERM && err != EOPNOTSUPP && err != ENOSYS)
		return err;
#ifdef RENAME_NOREPLACE
	if (renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0) {
		*moved = true;
		return 0;
	}
	err = errno;
#else
	err = ENOSYS; /* a C library without renameat2 (glibc before 2.28) */
#endif
	return err == EINVAL || err == ENOSYS ? EOPNOTSUPP : err;
}

static int link_first_free(int dirfd, const char *data, size_t len, name_fn next, void *ctx,
			   unsigned max_attempts, char **name_out, char **why)
{
	char *tmp = write_temporary(dirfd, data, len, why);
	int rc = PM_NEWFILE_EXISTS;
	bool moved = false; /* the temporary file is gone: it has the new name */
	if (!tmp)
		return -1;
	for (unsigned attempt = 0; attempt < max_attempts; attempt++) {
		char *name = next(ctx, attempt);
		int err;
		if (!name)
			continue; /* a name to avoid: try the next one */
		err = pm_name_exclusively(dirfd, tmp, name, &moved);
		if (err == 0) {
			*name_out = name;
			rc = 0;
			break;
		}
		if (err != EEXIST) {
			*why = err == EOPNOTSUPP ? pm_xasprintf("cannot create '%s': this file system has neither hard links "
								"nor renames that refuse to replace a file",
								name)
						 : pm_xasprintf("cannot create '%s': %s", name, strerror(err));
			free(name);
			rc = -1;
			break;
		}
		free(name);
	}
	if (!moved)
		unlinkat(dirfd, tmp, 0);
	free(tmp);
	/* The new name is durable only once the folder is. */
	if (rc == 0)
		fsync(dirfd);
	return rc;
}

static char *fixed_name(void *ctx, unsigned attempt)
{
	(void)attempt;
	return pm_xstrdup(ctx);
}

int pm_newfile_create(int dirfd, const char *name, const char *data, size_t len, char **why)
{
	char *made = NULL;
	int rc;
	*why = NULL;
	rc = link_first_free(dirfd, data, len, fixed_name, (void *)name, 1, &made, why);
	free(made);
	return rc;
}

typedef struct {
	const char *stem, *ext;
	const pm_strlist *avoid;
} numbered;

static char *numbered_name(void *ctx, unsigned attempt)
{
	const numbered *n = ctx;
	char *name = attempt == 0 ? pm_xasprintf("%s%s", n->stem, n->ext)
				  : pm_xasprintf("%s-%u%s", n->stem, attempt + 1, n->ext);
	if (n->avoid && pm_strlist_has(n->avoid, name)) {
		free(name);
		return NULL;
	}
	return name;
}

int pm_newfile_create_unique(int dirfd, const char *stem, const char *ext, const char *data,
			     size_t len, const pm_strlist *avoid, char **name_out, char **why)
{
	numbered n = {stem, ext, avoid};
	int rc;
	*why = NULL;
	*name_out = NULL;
	rc = link_first_free(dirfd, data, len, numbered_name, &n, 10000, name_out, why);
	if (rc == PM_NEWFILE_EXISTS) {
		*why = pm_xasprintf("'%s%s' and 9999 numbered names after it are all taken", stem, ext);
		rc = -1;
	}
	return rc;
}
