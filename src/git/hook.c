#include "postmortem/hook.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/atomic.h"
#include "postmortem/newfile.h"
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
	char *copy;
	struct stat st;
	int rc = 0;
	/* Mostly the folder is there: nothing to make. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	copy = pm_xstrdup(path);
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
		struct stat orig_st;
		bool kept = false, moved;
		int err;
		if (!force) {
			status = PM_HOOK_FOREIGN;
			goto done;
		}
		if (lstat(orig, &orig_st) == 0) {
			/* The same file under both names is what an install that
			 * was interrupted leaves (see below): it is kept already. */
			kept = orig_st.st_dev == st.st_dev && orig_st.st_ino == st.st_ino;
			if (!kept) {
				*why = pm_xasprintf("%s exists already: move it away first, nothing was changed",
						    orig);
				status = PM_HOOK_FAILED;
				goto done;
			}
		}
		/* A second name for the hook first, then ours replaces the
		 * first name: at every moment pre-commit is one of the two
		 * whole hooks, and a crash cannot leave the repository with
		 * no hook at all. (A link to a symbolic link is the link
		 * itself, so a hook that is a link stays one.) Where the file
		 * system has no hard links, a rename does it, with that
		 * short gap; neither replaces a pre-commit.orig that appeared
		 * meanwhile. */
		if (!kept && (err = pm_name_exclusively(AT_FDCWD, hook, orig, &moved)) != 0) {
			*why = pm_xasprintf("cannot keep the hook as %s: %s", orig, strerror(err));
			status = PM_HOOK_FAILED;
			goto done;
		}
		status = PM_HOOK_CHAINED;
	}
	text = hook_script(self);
	/* Atomic: a crash leaves the old hook or the new one, never half. */
	if (pm_write_atomic(hook, text, strlen(text), 0755, why) != 0) {
		/* Leave the original where it was rather than no hook at all. */
		if (status == PM_HOOK_CHAINED && lstat(hook, &st) == 0)
			unlink(orig);
		else if (status == PM_HOOK_CHAINED)
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
