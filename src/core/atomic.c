#include "postmortem/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/util.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) { /* no progress: never loop on it */
			errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static mode_t default_mode(void)
{
	/* umask can only be read by setting it; nothing else runs meanwhile. */
	mode_t mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

/* The rename is durable only once the folder's entry is on disk. It has
 * happened by then, so a failure here is not reported: saying "not
 * written" about a file that was would mislead (some file systems cannot
 * sync a folder at all). */
static void sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

bool pm_is_temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t n = strlen(base), p = strlen(PM_TEMP_PREFIX), s = strlen(PM_TEMP_SUFFIX);
	return n > p + s && strncmp(base, PM_TEMP_PREFIX, p) == 0 && strcmp(base + n - s, PM_TEMP_SUFFIX) == 0;
}

int pm_write_atomic(const char *path, const void *data, size_t len, int mode, char **why)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? pm_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : pm_xstrdup(".");
	/* Named as pm_is_temp_name knows it (see atomic.h). */
	char *tmp = pm_xasprintf("%s/" PM_TEMP_PREFIX "XXXXXX" PM_TEMP_SUFFIX, dir);
	struct stat st;
	mode_t bits;
	int fd, err = 0;
	const char *step = NULL;

	*why = NULL;
	if (mode >= 0)
		bits = (mode_t)mode & 07777;
	else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		bits = st.st_mode & 07777;
	else
		bits = default_mode();

	fd = mkstemps(tmp, (int)strlen(PM_TEMP_SUFFIX));
	if (fd < 0) {
		err = errno;
		*why = pm_xasprintf("cannot create a temporary file in %s: %s", dir, strerror(err));
		goto done;
	}
	if (fchmod(fd, bits) != 0)
		step = "cannot set the mode of the temporary file";
	else if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
		step = "cannot write the temporary file";
	if (step)
		err = errno;
	if (close(fd) != 0 && !step) {
		err = errno;
		step = "cannot write the temporary file";
	}
	if (!step && rename(tmp, path) != 0) {
		err = errno;
		step = "cannot replace the file";
	}
	if (step) {
		*why = pm_xasprintf("%s: %s", step, strerror(err));
		unlink(tmp);
		goto done;
	}
	sync_folder(dir);
done:
	free(dir);
	free(tmp);
	return *why ? -1 : 0;
}
