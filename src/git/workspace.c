#include "postmortem/workspace.h"

#include <errno.h>
#include <git2.h>
#include <git2/sys/repository.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "postmortem/util.h"

#define PM_CONFIG_MAX (1024 * 1024)

static char *git_message(const char *what)
{
	const git_error *e = git_error_last();
	return pm_xasprintf("%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

static pm_ws_status load_config(pm_workspace *ws, char **why)
{
	char *path = pm_xasprintf("%s/%s", ws->root, PM_CONFIG_FILE);
	char *buf = NULL;
	size_t len = 0;
	pm_config_error err;
	pm_ws_status st = PM_WS_OK;
	if (pm_read_file(path, PM_CONFIG_MAX, &buf, &len) != 0) {
		if (errno != ENOENT) {
			*why = pm_xasprintf("%s: cannot read: %s", PM_CONFIG_FILE,
					    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
			st = PM_WS_CONFIG_ERROR;
		}
	} else if (pm_config_load(&ws->cfg, buf, len, &err) != 0) {
		*why = pm_xasprintf("%s:%d:%d: %s", PM_CONFIG_FILE, err.line, err.column, err.message);
		st = PM_WS_CONFIG_ERROR;
	}
	free(buf);
	free(path);
	return st;
}

/* A bare repository has no work tree: its configuration is the one HEAD
 * holds, so that `--rev` reads documents as the team configured them. */
static pm_ws_status load_bare_config(pm_workspace *ws, char **why)
{
	git_object *obj = NULL;
	pm_config_error err;
	pm_ws_status st = PM_WS_OK;
	if (git_revparse_single(&obj, ws->repo, "HEAD:" PM_CONFIG_FILE) < 0)
		return PM_WS_OK; /* none, or an unborn HEAD: the defaults */
	if (git_object_type(obj) == GIT_OBJECT_BLOB) {
		git_blob *blob = (git_blob *)obj;
		if (git_blob_rawsize(blob) > PM_CONFIG_MAX) {
			*why = pm_xasprintf("HEAD:%s: larger than 1 MiB", PM_CONFIG_FILE);
			st = PM_WS_CONFIG_ERROR;
		} else if (pm_config_load(&ws->cfg, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), &err) !=
			   0) {
			*why = pm_xasprintf("HEAD:%s:%d:%d: %s", PM_CONFIG_FILE, err.line, err.column, err.message);
			st = PM_WS_CONFIG_ERROR;
		}
	}
	git_object_free(obj);
	return st;
}

static const char *env_set(const char *name)
{
	const char *value = getenv(name);
	return value && *value ? value : NULL;
}

/* GIT_DISCOVERY_ACROSS_FILESYSTEM, read as git reads a boolean; a value
 * git refuses is refused here too. */
static int env_bool(const char *name, bool *value, char **why)
{
	const char *v = env_set(name);
	int parsed = 0;
	*value = false;
	if (!v)
		return 0;
	if (git_config_parse_bool(&parsed, v) < 0) {
		*why = pm_xasprintf("bad boolean value '%s' in %s", v, name);
		return -1;
	}
	*value = parsed != 0;
	return 0;
}

static bool has_core_worktree(git_repository *repo)
{
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT_CONST(NULL, 0);
	bool found = false;
	if (git_repository_config_snapshot(&cfg, repo) == 0)
		found = git_config_get_string_buf(&value, cfg, "core.worktree") == 0;
	git_buf_dispose(&value);
	git_config_free(cfg);
	return found;
}

/* Whether the repository's work tree is already dir. libgit2 1.5's
 * git_repository_set_workdir leaks its path when nothing changes. */
static bool same_workdir(git_repository *repo, const char *dir)
{
	const char *current = git_repository_workdir(repo);
	size_t n;
	if (!current)
		return false;
	n = strlen(current);
	while (n > 1 && current[n - 1] == '/')
		n--;
	return strlen(dir) == n && strncmp(current, dir, n) == 0;
}

/* The repository as git finds it: GIT_DIR names it (no search), else it
 * is searched for upwards from the current directory, stopping at
 * GIT_CEILING_DIRECTORIES and, unless GIT_DISCOVERY_ACROSS_FILESYSTEM,
 * at a file system boundary. GIT_WORK_TREE names the work tree; with
 * GIT_DIR alone, as in git, the current directory is the top of the work
 * tree unless core.worktree says otherwise or the repository is bare. */
static int open_repository(pm_workspace *ws, char **why)
{
	const char *git_dir = env_set("GIT_DIR");
	const char *work_tree = env_set("GIT_WORK_TREE");
	unsigned int flags = 0;
	bool cross_fs;
	int rc;

	if (env_bool("GIT_DISCOVERY_ACROSS_FILESYSTEM", &cross_fs, why) < 0)
		return -1;
	if (cross_fs)
		flags |= GIT_REPOSITORY_OPEN_CROSS_FS;
	if (git_dir) {
		/* NO_DOTGIT: GIT_DIR names the repository itself, never a work
		 * tree holding a .git. */
		rc = git_repository_open_ext(&ws->repo, git_dir,
					     flags | GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT, NULL);
		if (rc == GIT_ENOTFOUND) {
			*why = pm_xasprintf("not a git repository: '%s' (GIT_DIR)", git_dir);
			rc = -1;
		}
	} else {
		rc = git_repository_open_ext(&ws->repo, ws->cwd, flags, getenv("GIT_CEILING_DIRECTORIES"));
		if (rc == GIT_ENOTFOUND)
			return GIT_ENOTFOUND;
	}
	if (rc < 0) {
		if (!*why)
			*why = git_message("cannot open the repository");
		return rc;
	}
	if (work_tree || (git_dir && !git_repository_is_bare(ws->repo) && !has_core_worktree(ws->repo))) {
		/* Resolved by the file system, not lexically: "link/.." is the
		 * parent of where the link leads, as git sees it. */
		char *given = !work_tree ? pm_xstrdup(ws->cwd)
			      : work_tree[0] == '/' ? pm_xstrdup(work_tree)
						    : pm_xasprintf("%s/%s", ws->cwd, work_tree);
		char *real = realpath(given, NULL);
		if (!real)
			*why = pm_xasprintf("the work tree '%s'%s: %s", given, work_tree ? " (GIT_WORK_TREE)" : "",
					    strerror(errno));
		else if (!same_workdir(ws->repo, real) && git_repository_set_workdir(ws->repo, real, 0) < 0)
			*why = git_message("cannot use the work tree");
		free(given);
		free(real);
		if (*why)
			return -1;
	}
	return 0;
}

pm_ws_status pm_workspace_open(pm_workspace *ws, char **why)
{
	char cwd[PATH_MAX];
	const char *workdir;
	const char *glob_why = NULL;
	int rc;
	pm_ws_status st;

	memset(ws, 0, sizeof(*ws));
	*why = NULL;
	pm_config_init(&ws->cfg);
	if (!getcwd(cwd, sizeof(cwd))) {
		*why = pm_xasprintf("cannot find the current directory: %s", strerror(errno));
		return PM_WS_GIT_ERROR;
	}
	ws->cwd = pm_xstrdup(cwd);
	rc = open_repository(ws, why);
	if (rc == GIT_ENOTFOUND) {
		git_repository_free(ws->repo);
		ws->repo = NULL;
		ws->exclude = pm_exclude_new(&ws->cfg.exclude, &glob_why);
		return PM_WS_NO_REPO;
	}
	if (rc < 0) {
		git_repository_free(ws->repo);
		ws->repo = NULL;
		return PM_WS_GIT_ERROR;
	}
	/* Git runs hooks with the index it is about to commit in
	 * GIT_INDEX_FILE (a temporary one for `git commit -a` or `git commit
	 * PATH`): that index is what --staged must see. */
	if (env_set("GIT_INDEX_FILE")) {
		const char *index_file = env_set("GIT_INDEX_FILE");
		git_index *index = NULL;
		char *path = index_file[0] == '/' ? pm_xstrdup(index_file) : pm_xasprintf("%s/%s", cwd, index_file);
		rc = git_index_open(&index, path);
		free(path);
		if (rc < 0 || git_repository_set_index(ws->repo, index) < 0) {
			git_index_free(index);
			*why = git_message("cannot open the index named by GIT_INDEX_FILE");
			return PM_WS_GIT_ERROR;
		}
		git_index_free(index);
	}
	workdir = git_repository_workdir(ws->repo);
	if (!workdir) {
		st = load_bare_config(ws, why);
		if (st != PM_WS_OK)
			return st;
		ws->exclude = pm_exclude_new(&ws->cfg.exclude, &glob_why);
		if (!ws->exclude) {
			*why = pm_xasprintf("HEAD:%s: exclude: %s", PM_CONFIG_FILE, glob_why);
			return PM_WS_CONFIG_ERROR;
		}
		return PM_WS_BARE;
	}
	ws->root = pm_xstrdup(workdir);
	for (size_t n = strlen(ws->root); n > 1 && ws->root[n - 1] == '/'; n--)
		ws->root[n - 1] = '\0';
	st = load_config(ws, why);
	if (st != PM_WS_OK)
		return st;
	ws->exclude = pm_exclude_new(&ws->cfg.exclude, &glob_why);
	if (!ws->exclude) {
		*why = pm_xasprintf("%s: exclude: %s", PM_CONFIG_FILE, glob_why);
		return PM_WS_CONFIG_ERROR;
	}
	return PM_WS_OK;
}

void pm_workspace_close(pm_workspace *ws)
{
	git_repository_free(ws->repo);
	free(ws->root);
	free(ws->cwd);
	pm_config_free(&ws->cfg);
	pm_exclude_free(ws->exclude);
	memset(ws, 0, sizeof(*ws));
}

bool pm_workspace_is_document(const pm_workspace *ws, const char *path)
{
	const char *dir = ws->cfg.directory;
	const char *rel = path;
	size_t n = strlen(dir), len;
	if (strcmp(dir, ".") != 0) {
		if (strncmp(path, dir, n) != 0 || path[n] != '/')
			return false;
		rel = path + n + 1;
	}
	len = strlen(rel);
	if (len <= 3 || strcmp(rel + len - 3, ".md") != 0 || rel[0] == '.' || strstr(rel, "/."))
		return false;
	return !pm_exclude_matches(ws->exclude, rel, false);
}

char *pm_absolute_path(const pm_workspace *ws, const char *path)
{
	char *joined = path[0] == '/' ? pm_xstrdup(path) : pm_xasprintf("%s/%s", ws->cwd, path);
	char *out = pm_xmalloc(strlen(joined) + 2);
	size_t len = 0;
	const char *p = joined;
	/* Lexical normalisation: drop "." and empty parts, fold "..". */
	while (*p) {
		const char *end;
		size_t n;
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
		} else {
			out[len++] = '/';
			memcpy(out + len, p, n);
			len += n;
		}
		p += n;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	free(joined);
	return out;
}

char *pm_root_relative(const pm_workspace *ws, const char *abs_path)
{
	size_t n;
	if (!ws->root)
		return NULL;
	n = strlen(ws->root);
	if (strcmp(ws->root, "/") == 0)
		return pm_xstrdup(abs_path + 1);
	if (strncmp(abs_path, ws->root, n) != 0)
		return NULL;
	if (abs_path[n] == '\0')
		return pm_xstrdup("");
	if (abs_path[n] != '/')
		return NULL;
	return pm_xstrdup(abs_path + n + 1);
}
