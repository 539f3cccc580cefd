/* A test-only LD_PRELOAD library that kills the process (SIGKILL, which
 * nothing can catch) at a chosen step of its writing, so that the crash
 * cases (cases-crash.sh) can look at what a crash at that moment leaves.
 * Preloading reaches every write of the program, those of libgit2 (the
 * index, objects, refs, reflogs) as much as its own, without a line of
 * test code in the program itself.
 *
 * The steps are the calls that change files: open or creat with O_CREAT
 * or O_TRUNC, write, pwrite, writev, fsync, fdatasync, ftruncate, fchmod,
 * chmod, rename, renameat(2), link, linkat, symlink, unlink, unlinkat,
 * mkdir, mkdirat, rmdir, mkstemp(s), mkostemps, and close of a regular
 * file open for writing, counted in the order the program makes them.
 *
 *   PM_CRASH_AT=N    kill the process at the Nth step: before it, or for a
 *                    write of more than one byte, in the middle of it (half
 *                    of the bytes are written: a torn write)
 *   PM_CRASH_LOG=F   append "N name argument" to F for each step, to see
 *                    what the steps are
 *   PM_FAIL_AT=N     make the Nth step fail instead (the call does
 *                    nothing and returns -1), with errno PM_FAIL_ERRNO
 *                    (a number; default ENOSPC): a full disk, an I/O error
 *   PM_NO_HARDLINKS=1  link and linkat fail with EPERM: a file system
 *                    without hard links
 *
 * Without either variable the calls pass straight through. stdio's own
 * writes (printf) are not counted: glibc makes them internally, which is
 * as it should be, since the output to the terminal is no file state.
 *
 * Built by cases-crash.sh with the system compiler:
 *   cc -shared -fPIC -o crash-shim.so crash-shim.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long crash_at = -1;
static long fail_at = -1;
static int fail_errno = ENOSPC;
static int log_fd = -1;
static long steps;
static int ready;

static void setup(void)
{
	const char *at, *log;
	if (__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
		return;
	at = getenv("PM_CRASH_AT");
	log = getenv("PM_CRASH_LOG");
	if (at && *at)
		crash_at = strtol(at, NULL, 10);
	at = getenv("PM_FAIL_AT");
	if (at && *at)
		fail_at = strtol(at, NULL, 10);
	at = getenv("PM_FAIL_ERRNO");
	if (at && *at)
		fail_errno = (int)strtol(at, NULL, 10);
	if (log && *log) {
		/* The log itself must not count: opened through the real call. */
		int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
		log_fd = real_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	}
	__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
}

static void log_step(long n, const char *name, const char *arg)
{
	char line[4200];
	ssize_t (*real_write)(int, const void *, size_t);
	int len;
	if (log_fd < 0)
		return;
	real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	len = snprintf(line, sizeof(line), "%ld %s %s\n", n, name, arg ? arg : "");
	if (len > 0)
		real_write(log_fd, line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

enum { STEP_GO, STEP_KILL, STEP_FAIL };

/* Counts one step; says whether to go on, to die here or to fail. */
static int step(const char *name, const char *arg)
{
	long n;
	setup();
	n = __atomic_add_fetch(&steps, 1, __ATOMIC_SEQ_CST);
	log_step(n, name, arg);
	return n == crash_at ? STEP_KILL : n == fail_at ? STEP_FAIL : STEP_GO;
}

static void die(void)
{
	raise(SIGKILL);
	_exit(137); /* not reached */
}

/* The step of a call that cannot tear: dies there, or fails there. */
#define GATE(name, arg)                                                                                                \
	do {                                                                                                           \
		int s_ = step(name, arg);                                                                              \
		if (s_ == STEP_KILL)                                                                                   \
			die();                                                                                         \
		if (s_ == STEP_FAIL) {                                                                                 \
			errno = fail_errno;                                                                            \
			return -1;                                                                                     \
		}                                                                                                      \
	} while (0)

#define REAL(ret, name, params) ret (*real)params = (ret(*) params)dlsym(RTLD_NEXT, name)

static char *fd_name(int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int creates(int flags)
{
	return (flags & (O_CREAT | O_TRUNC)) != 0;
}

static int open_common(const char *fname, int dirfd, const char *path, int flags, mode_t mode)
{
	if (creates(flags))
		GATE(fname, path);
	if (dirfd == -1) {
		REAL(int, fname, (const char *, int, ...));
		return real(path, flags, mode);
	} else {
		REAL(int, fname, (int, const char *, int, ...));
		return real(dirfd, path, flags, mode);
	}
}

#define OPEN_MODE(flags, mode)                                                                                         \
	do {                                                                                                           \
		if ((flags) & (O_CREAT | O_TMPFILE)) {                                                                  \
			va_list ap;                                                                                    \
			va_start(ap, flags);                                                                           \
			mode = (mode_t)va_arg(ap, int);                                                                \
			va_end(ap);                                                                                    \
		}                                                                                                      \
	} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_common("open", -1, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_common("open64", -1, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_common("openat", dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	OPEN_MODE(flags, mode);
	return open_common("openat64", dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	REAL(int, "creat", (const char *, mode_t));
	GATE("creat", path);
	return real(path, mode);
}

ssize_t write(int fd, const void *data, size_t len)
{
	char name[4096];
	REAL(ssize_t, "write", (int, const void *, size_t));
	switch (step("write", fd_name(fd, name, sizeof(name)))) {
	case STEP_KILL:
		if (len > 1)
			real(fd, data, len / 2);
		die();
		break;
	case STEP_FAIL:
		errno = fail_errno;
		return -1;
	}
	return real(fd, data, len);
}

/* pwrite and pwrite64 (the same call where off_t is 64 bits). */
static ssize_t pwrite_step(const char *fname, int fd, const void *data, size_t len, off_t off)
{
	char name[4096];
	ssize_t (*real)(int, const void *, size_t, off_t) =
		(ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, fname);
	switch (step(fname, fd_name(fd, name, sizeof(name)))) {
	case STEP_KILL:
		if (len > 1)
			real(fd, data, len / 2, off);
		die();
		break;
	case STEP_FAIL:
		errno = fail_errno;
		return -1;
	}
	return real(fd, data, len, off);
}

ssize_t pwrite(int fd, const void *data, size_t len, off_t off)
{
	return pwrite_step("pwrite", fd, data, len, off);
}

ssize_t pwrite64(int fd, const void *data, size_t len, off_t off)
{
	return pwrite_step("pwrite64", fd, data, len, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	char name[4096];
	REAL(ssize_t, "writev", (int, const struct iovec *, int));
	switch (step("writev", fd_name(fd, name, sizeof(name)))) {
	case STEP_KILL:
		if (n > 0 && iov[0].iov_len > 1) {
			struct iovec half = {iov[0].iov_base, iov[0].iov_len / 2};
			real(fd, &half, 1);
		}
		die();
		break;
	case STEP_FAIL:
		errno = fail_errno;
		return -1;
	}
	return real(fd, iov, n);
}

#define SIMPLE_FD(ret, name, params, args, fd)                                                                         \
	ret name params                                                                                                \
	{                                                                                                              \
		char buf[4096];                                                                                        \
		REAL(ret, #name, params);                                                                              \
		GATE(#name, fd_name(fd, buf, sizeof(buf)));                                                                          \
		return real args;                                                                                      \
	}

#define SIMPLE_PATH(ret, name, params, args, path)                                                                     \
	ret name params                                                                                                \
	{                                                                                                              \
		REAL(ret, #name, params);                                                                              \
		GATE(#name, path);                                                                                                   \
		return real args;                                                                                      \
	}

SIMPLE_FD(int, fsync, (int fd), (fd), fd)
SIMPLE_FD(int, fdatasync, (int fd), (fd), fd)
SIMPLE_FD(int, ftruncate, (int fd, off_t len), (fd, len), fd)
SIMPLE_FD(int, ftruncate64, (int fd, off_t len), (fd, len), fd)
SIMPLE_FD(int, fchmod, (int fd, mode_t mode), (fd, mode), fd)
SIMPLE_PATH(int, chmod, (const char *path, mode_t mode), (path, mode), path)
SIMPLE_PATH(int, rename, (const char *from, const char *to), (from, to), to)
SIMPLE_PATH(int, renameat, (int fd1, const char *from, int fd2, const char *to), (fd1, from, fd2, to), to)
SIMPLE_PATH(int, renameat2, (int fd1, const char *from, int fd2, const char *to, unsigned flags),
	    (fd1, from, fd2, to, flags), to)
/* Temporary files are created inside glibc, out of reach of the open
 * wrappers above: the calls that make them are steps themselves. */
int mkstemp(char *template)
{
	REAL(int, "mkstemp", (char *));
	GATE("mkstemp", template);
	return real(template);
}

int mkstemps(char *template, int suffix_len)
{
	REAL(int, "mkstemps", (char *, int));
	GATE("mkstemps", template);
	return real(template, suffix_len);
}

int mkostemps(char *template, int suffix_len, int flags)
{
	REAL(int, "mkostemps", (char *, int, int));
	GATE("mkostemps", template);
	return real(template, suffix_len, flags);
}

/* Closing a regular file open for writing is a step too (where a full
 * disk or a network file system reports what the writes could not do).
 * A close that fails still closes, as on Linux. */
int close(int fd)
{
	REAL(int, "close", (int));
	struct stat st;
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0 && (flags & O_ACCMODE) != O_RDONLY && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		char name[4096];
		switch (step("close", fd_name(fd, name, sizeof(name)))) {
		case STEP_KILL:
			die();
			break;
		case STEP_FAIL:
			real(fd);
			errno = fail_errno;
			return -1;
		}
	}
	return real(fd);
}

/* PM_NO_HARDLINKS=1: link and linkat fail with EPERM, as on vfat. */
static int hard_links_refused(void)
{
	const char *v = getenv("PM_NO_HARDLINKS");
	if (!v || !*v)
		return 0;
	errno = EPERM;
	return 1;
}

int link(const char *from, const char *to)
{
	REAL(int, "link", (const char *, const char *));
	GATE("link", to);
	return hard_links_refused() ? -1 : real(from, to);
}

int linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
	REAL(int, "linkat", (int, const char *, int, const char *, int));
	GATE("linkat", to);
	return hard_links_refused() ? -1 : real(fd1, from, fd2, to, flags);
}
SIMPLE_PATH(int, symlink, (const char *target, const char *path), (target, path), path)
SIMPLE_PATH(int, unlink, (const char *path), (path), path)
SIMPLE_PATH(int, unlinkat, (int fd, const char *path, int flags), (fd, path, flags), path)
SIMPLE_PATH(int, mkdir, (const char *path, mode_t mode), (path, mode), path)
SIMPLE_PATH(int, mkdirat, (int fd, const char *path, mode_t mode), (fd, path, mode), path)
SIMPLE_PATH(int, rmdir, (const char *path), (path), path)
