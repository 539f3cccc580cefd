#include "postmortem/hook.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/source.h"
#include "postmortem/util.h"

/* The line that tells our hook from anyone else's. */
#define HOOK_MARK "# installed by postmortem hook install"

char *pm_hooks_dir(pm_workspace *ws, char **why)
{
	git_config *cfg = NULL;
	git_buf buf = {0};
	char *dir = NULL;
	*why = NULL;
	if (git_repository_config_snapshot(&cfg, ws->repo) == 0 &&
	    git_config_get_path(&buf, cfg, "core.hooksPath") == 0 && buf.ptr[0]) {
		/* Relative to where hooks run: the top of the work tree. */
		dir = buf.ptr[0] == '/' || !ws->root ? pm_xstrdup(buf.ptr) : pm_xasprintf("%s/%s", ws->root, buf.ptr);
	} else {
		git_buf_dispose(&buf);
		if (git_repository_item_path(&buf, ws->repo, GIT_REPOSITORY_ITEM_HOOKS) == 0)
			dir = pm_xstrdup(buf.ptr);
		else
			*why = pm_xstrdup("cannot find the hooks folder of this repository");
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
	if (dir)
		for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
			dir[n - 1] = '\0';
	return dir;
}

static int mkdir_p(const char *path)
{
	char *copy = pm_xstrdup(path);
	int rc = 0;
	for (char *p = copy + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(copy, 0777) != 0 && errno != EEXIST)
				rc = -1;
			*p = saved;
			if (!saved || rc)
				break;
		}
	}
	free(copy);
	return rc;
}

/* Single-quoted for sh: 'it'\''s' */
static void sh_quote(pm_buf *out, const char *s)
{
	pm_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			pm_buf_adds(out, "'\\''");
		else
			pm_buf_addc(out, *s);
	}
	pm_buf_addc(out, '\'');
}

static char *hook_script(const char *self)
{
	pm_buf s = {0};
	pm_buf_adds(&s, "#!/bin/sh\n" HOOK_MARK "\n"
			"# Checks the staged postmortems before each commit: postmortem validate --staged.\n"
			"# Remove it with `postmortem hook uninstall`; skip it once with `git commit --no-verify`.\n"
			"hooks=$(dirname \"$0\")\n"
			"if [ -x \"$hooks/pre-commit.orig\" ]; then\n"
			"\t\"$hooks/pre-commit.orig\" \"$@\" || exit $?\n"
			"fi\n"
			"if command -v postmortem >/dev/null 2>&1; then\n"
			"\tpm=postmortem\n"
			"elif [ -x ");
	sh_quote(&s, self);
	pm_buf_adds(&s, " ]; then\n\tpm=");
	sh_quote(&s, self);
	pm_buf_adds(&s, "\nelse\n"
			"\techo \"pre-commit: postmortem is not on PATH; install it, or run"
			" 'postmortem hook uninstall'\" >&2\n"
			"\texit 1\n"
			"fi\n"
			"exec \"$pm\" validate --staged\n");
	return pm_buf_detach(&s);
}

/* Writes the hook beside its final name and renames it over: a crash
 * leaves the old hook or the new one, never half of one. */
static int write_hook(const char *path, const char *text, char **why)
{
	char *tmp = pm_xasprintf("%s.postmortem-XXXXXX", path);
	size_t len = strlen(text);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*why = pm_xasprintf("cannot write in the hooks folder: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0755) != 0 || fsync(fd) != 0) {
		*why = pm_xasprintf("cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		*why = pm_xasprintf("cannot install %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static bool is_ours(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	bool ours;
	if (pm_read_file(path, 1024 * 1024, &buf, &len) != 0)
		return false;
	ours = strstr(buf, HOOK_MARK) != NULL;
	free(buf);
	return ours;
}

pm_hook_status pm_hook_install(pm_workspace *ws, bool force, const char *self, char **path, char **why)
{
	char *dir = pm_hooks_dir(ws, why);
	char *hook, *orig, *text;
	struct stat st;
	pm_hook_status status = PM_HOOK_INSTALLED;
	*path = NULL;
	if (!dir)
		return PM_HOOK_FAILED;
	if (mkdir_p(dir) != 0) {
		*why = pm_xasprintf("cannot create %s: %s", dir, strerror(errno));
		free(dir);
		return PM_HOOK_FAILED;
	}
	hook = pm_xasprintf("%s/pre-commit", dir);
	orig = pm_xasprintf("%s/pre-commit.orig", dir);
	*path = pm_xstrdup(hook);
	if (lstat(hook, &st) == 0 && !is_ours(hook)) {
		if (!force) {
			status = PM_HOOK_FOREIGN;
			goto done;
		}
		if (lstat(orig, &st) == 0) {
			*why = pm_xasprintf("%s exists already: move it away first, nothing was changed", orig);
			status = PM_HOOK_FAILED;
			goto done;
		}
		if (rename(hook, orig) != 0) {
			*why = pm_xasprintf("cannot keep the hook as %s: %s", orig, strerror(errno));
			status = PM_HOOK_FAILED;
			goto done;
		}
		status = PM_HOOK_CHAINED;
	}
	text = hook_script(self);
	if (write_hook(hook, text, why) != 0) {
		/* Put the original back rather than leave no hook at all. */
		if (status == PM_HOOK_CHAINED)
			rename(orig, hook);
		status = PM_HOOK_FAILED;
	}
	free(text);
done:
	free(dir);
	free(hook);
	free(orig);
	return status;
}

pm_hook_status pm_hook_uninstall(pm_workspace *ws, char **path, char **why)
{
	char *dir = pm_hooks_dir(ws, why);
	char *hook, *orig;
	struct stat st;
	pm_hook_status status = PM_HOOK_REMOVED;
	*path = NULL;
	if (!dir)
		return PM_HOOK_FAILED;
	hook = pm_xasprintf("%s/pre-commit", dir);
	orig = pm_xasprintf("%s/pre-commit.orig", dir);
	*path = pm_xstrdup(hook);
	if (lstat(hook, &st) != 0) {
		status = PM_HOOK_ABSENT;
	} else if (!is_ours(hook)) {
		status = PM_HOOK_FOREIGN;
	} else if (lstat(orig, &st) == 0) {
		if (rename(orig, hook) != 0) {
			*why = pm_xasprintf("cannot put %s back: %s", orig, strerror(errno));
			status = PM_HOOK_FAILED;
		}
	} else if (unlink(hook) != 0) {
		*why = pm_xasprintf("cannot remove %s: %s", hook, strerror(errno));
		status = PM_HOOK_FAILED;
	}
	free(dir);
	free(hook);
	free(orig);
	return status;
}
