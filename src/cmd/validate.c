/* postmortem validate: check documents, compiler-style. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "postmortem/check.h"
#include "postmortem/docsource.h"
#include "postmortem/out.h"
#include "postmortem/rules.h"
#include "postmortem/source.h"

const char cmd_validate_usage[] =
	"usage: postmortem validate [PATH...] [--staged | --rev REV] [--format text|json|github] [--strict]\n"
	"\n"
	"Checks the given documents (folders are searched for *.md), or every\n"
	"document of the repository. Outside a repository, checks the named\n"
	"files with the default configuration.\n"
	"\n"
	"  --staged          check what the index holds, for the staged documents\n"
	"                    (what a commit would record, not the working tree)\n"
	"  --rev REV         check the tree of a revision, without checking it out\n"
	"  --format FORMAT   text (default), json or github\n"
	"  --strict          warnings fail too (exit 1)\n"
	"  --jobs N          check on N threads (default: one per core)\n"
	"\n"
	"Exit status: 0 no errors, 1 errors (or warnings with --strict),\n"
	"2 usage, configuration, I/O or git error.\n";

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB };

typedef struct {
	pm_target *items;
	size_t count, cap;
} target_list;

static pm_target *add_target(target_list *list, char *read_path, char *display_path, const pm_idset *ids)
{
	pm_target *t;
	pm_grow(&list->items, &list->cap, list->count + 1, sizeof(*list->items));
	t = &list->items[list->count++];
	memset(t, 0, sizeof(*t));
	t->read_path = read_path;
	t->display_path = display_path;
	t->ids = ids;
	return t;
}

static void free_target(pm_target *t)
{
	free(t->read_path);
	free(t->display_path);
	free(t->data);
	free(t->unreadable);
}

static void clear_targets(target_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free_target(&list->items[i]);
	free(list->items);
}

static bool ends_with_md(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

/* Folder sets for files outside a repository: the documents beside each. */
typedef struct {
	char **dirs;
	pm_idset **sets; /* each allocated alone: targets keep pointers to them */
	size_t count;
} folder_sets;

static const pm_idset *folder_ids(folder_sets *fs, const char *display_path)
{
	const char *slash = strrchr(display_path, '/');
	char *dir = slash ? pm_xstrndup(display_path, (size_t)(slash - display_path + (slash == display_path)))
			  : pm_xstrdup("");
	pm_strlist files = {0};
	pm_idset *set;
	for (size_t i = 0; i < fs->count; i++) {
		if (strcmp(fs->dirs[i], dir) == 0) {
			free(dir);
			return fs->sets[i];
		}
	}
	fs->dirs = pm_xrealloc(fs->dirs, (fs->count + 1) * sizeof(*fs->dirs));
	fs->sets = pm_xrealloc(fs->sets, (fs->count + 1) * sizeof(*fs->sets));
	fs->dirs[fs->count] = dir;
	set = pm_xcalloc(1, sizeof(*set));
	fs->sets[fs->count++] = set;
	pm_folder_list(&files, dir);
	for (size_t i = 0; i < files.count; i++)
		pm_idset_add(set, files.items[i]);
	pm_strlist_clear(&files);
	pm_idset_finish(set);
	return set;
}

static void clear_folder_sets(folder_sets *fs)
{
	for (size_t i = 0; i < fs->count; i++) {
		free(fs->dirs[i]);
		pm_idset_clear(fs->sets[i]);
		free(fs->sets[i]);
	}
	free(fs->dirs);
	free(fs->sets);
}

static bool idset_has_path(const pm_idset *ids, const char *path)
{
	char *id = pm_doc_id_from_path(path);
	size_t first, n = pm_idset_find(ids, id, &first);
	bool found = false;
	for (size_t i = first; i < first + n && !found; i++)
		found = strcmp(ids->items[i].path, path) == 0;
	free(id);
	return found;
}

static int write_report(enum format format, const pm_diags *diags, size_t files)
{
	switch (format) {
	case FORMAT_JSON:
		return pm_write_diags_json(stdout, diags, files);
	case FORMAT_GITHUB:
		return pm_write_diags_github(stdout, diags, files);
	default:
		return pm_write_diags_text(stdout, diags, files, pm_use_color(stdout));
	}
}

/* Expands the named paths into targets: files as they are, folders
 * searched for documents. Returns 0, or an exit status. */
/* Whether the folder rel (from the root) is the postmortem directory or
 * holds it: then its documents are the repository's own. A folder inside
 * the directory is searched from itself, so that naming one (templates/)
 * checks it whatever the globs say of it. */
static bool covers_directory(const char *rel, const char *dir)
{
	size_t r = strlen(rel);
	if (r == 0)
		return true;
	if (strcmp(dir, ".") == 0)
		return false;
	return strncmp(dir, rel, r) == 0 && (dir[r] == '\0' || dir[r] == '/');
}

static int compare_targets(const void *a, const void *b)
{
	return strcmp(((const pm_target *)a)->display_path, ((const pm_target *)b)->display_path);
}

/* Naming a file twice (or a file and its folder) checks it once. */
static void dedupe_targets(target_list *targets)
{
	size_t out = 0;
	if (targets->count > 1)
		qsort(targets->items, targets->count, sizeof(*targets->items), compare_targets);
	for (size_t i = 0; i < targets->count; i++) {
		if (out && strcmp(targets->items[out - 1].display_path, targets->items[i].display_path) == 0) {
			free_target(&targets->items[i]);
			continue;
		}
		targets->items[out++] = targets->items[i];
	}
	targets->count = out;
}

static int collect_named(target_list *targets, pm_idset *ids, folder_sets *fs, pm_workspace *ws,
			 bool in_repo, const pm_strlist *all, char **paths, int npaths)
{
	for (int i = 0; i < npaths; i++) {
		const char *arg = paths[i];
		struct stat st, lst;
		char *abs = pm_absolute_path(ws, arg);
		char *rel = in_repo ? pm_root_relative(ws, abs) : NULL;
		bool is_dir;
		if (lstat(abs, &lst) != 0) {
			int err = errno;
			free(abs);
			free(rel);
			return pm_fail(arg, "%s", err == ENOENT ? "no such file or directory" : strerror(err));
		}
		is_dir = stat(abs, &st) == 0 && S_ISDIR(st.st_mode) && !ends_with_md(arg);
		if (is_dir && rel && covers_directory(rel, ws->cfg.directory)) {
			size_t n = strlen(rel);
			for (size_t f = 0; f < all->count; f++)
				if (n == 0 || (strncmp(all->items[f], rel, n) == 0 && all->items[f][n] == '/'))
					add_target(targets, pm_xasprintf("%s/%s", ws->root, all->items[f]),
						   pm_xstrdup(all->items[f]), NULL);
			free(abs);
			free(rel);
			continue;
		}
		if (is_dir) {
			pm_strlist found = {0};
			char *failed = NULL;
			/* Search the folder as the repository is searched. */
			if (pm_worktree_list(&found, abs, ".", ws->exclude, &failed) != 0) {
				int status = pm_fail(failed, "cannot read this folder: %s", strerror(errno));
				free(failed);
				pm_strlist_clear(&found);
				free(abs);
				free(rel);
				return status;
			}
			for (size_t f = 0; f < found.count; f++) {
				const char *sub = found.items[f];
				char *read_path = pm_xasprintf("%s/%s", abs, sub);
				char *display;
				if (rel)
					display = *rel ? pm_xasprintf("%s/%s", rel, sub) : pm_xstrdup(sub);
				else
					display = pm_xasprintf("%s/%s", arg, sub);
				add_target(targets, read_path, display, NULL);
			}
			pm_strlist_clear(&found);
			free(abs);
			free(rel);
			continue;
		}
		add_target(targets, abs, rel ? rel : pm_xstrdup(arg), NULL);
	}
	dedupe_targets(targets);
	/* Cross-document rules: the repository as a whole, or outside one,
	 * the documents beside each file. */
	for (size_t t = 0; t < targets->count; t++) {
		if (in_repo)
			targets->items[t].ids = ids;
		else
			targets->items[t].ids = folder_ids(fs, targets->items[t].display_path);
	}
	return 0;
}

/* --staged and --rev: the documents of the index or of a revision, read
 * here (libgit2 objects are read on this thread) and checked in memory.
 * Named paths are files or folders of that source. Returns 0, or an exit
 * status. */
static int collect_from_source(target_list *targets, pm_idset *ids, pm_workspace *ws, pm_docsource *src,
			       const char *label, char **paths, int npaths)
{
	pm_strlist all = {0}, chosen = {0};
	char *why = NULL;
	int status = 0;
	if (pm_docsource_list(src, &all, &why) != 0) {
		status = pm_fail("validate", "%s", why);
		goto done;
	}
	for (size_t i = 0; i < all.count; i++)
		pm_idset_add(ids, all.items[i]);
	if (npaths == 0 && pm_docsource_kind(src) == PM_SRC_INDEX) {
		if (pm_docsource_staged(src, &chosen, &why) != 0) {
			status = pm_fail("validate", "%s", why);
			goto done;
		}
	} else if (npaths == 0) {
		for (size_t i = 0; i < all.count; i++)
			pm_strlist_add(&chosen, all.items[i]);
	}
	for (int p = 0; p < npaths; p++) {
		char *abs = pm_absolute_path(ws, paths[p]);
		char *rel = pm_root_relative(ws, abs);
		size_t n, before = chosen.count;
		free(abs);
		if (!rel) {
			status = pm_fail(paths[p], "outside the repository");
			goto done;
		}
		n = strlen(rel);
		/* A folder: its documents in the source. */
		for (size_t i = 0; i < all.count; i++)
			if (n == 0 || (strncmp(all.items[i], rel, n) == 0 && all.items[i][n] == '/'))
				pm_strlist_add(&chosen, all.items[i]);
		/* A file: checked whatever the globs say, if the source has it. */
		if (chosen.count == before) {
			if (n && pm_docsource_has(src, rel)) {
				pm_strlist_add(&chosen, rel);
				if (!pm_strlist_has(&all, rel))
					pm_idset_add(ids, rel);
			} else {
				status = pm_fail(paths[p], "not in %s", label);
			}
		}
		free(rel);
		if (status)
			goto done;
	}
	for (size_t i = 0; i < chosen.count; i++) {
		pm_target *t = add_target(targets, NULL, pm_xstrdup(chosen.items[i]), ids);
		char reason[256];
		if (pm_docsource_read(src, chosen.items[i], &t->data, &t->len, reason, sizeof(reason)) != 0) {
			t->data = NULL;
			t->unreadable = pm_xstrdup(reason);
		}
	}
	dedupe_targets(targets);
done:
	free(why);
	pm_strlist_clear(&all);
	pm_strlist_clear(&chosen);
	return status;
}

int cmd_validate(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"format", required_argument, NULL, 'f'},
		{"strict", no_argument, NULL, 's'},
		{"staged", no_argument, NULL, 'S'},
		{"rev", required_argument, NULL, 'r'},
		{"jobs", required_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	enum format format = FORMAT_TEXT;
	bool strict = false;
	unsigned jobs = 0;
	int opt, status = PM_EXIT_OK;
	target_list targets = {0};
	pm_idset ids = {0};
	folder_sets fs = {0};
	pm_diags diags = {0};
	pm_strlist all = {0};
	bool in_repo = ws_status == PM_WS_OK;
	bool staged = false;
	const char *rev = NULL;
	pm_docsource *src = NULL;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else if (strcmp(optarg, "github") == 0)
				format = FORMAT_GITHUB;
			else
				return pm_fail("validate", "unknown format '%s' (text, json or github)", optarg);
			break;
		case 's':
			strict = true;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 16)
				return pm_fail("validate", "--jobs takes a number from 1 to 16");
			jobs = (unsigned)n;
			break;
		}
		case 'S':
			staged = true;
			break;
		case 'r':
			rev = optarg;
			break;
		case ':':
			return pm_fail("validate", "option '%s' needs a value", argv[optind - 1]);
		default:
			return pm_unknown_option("validate", argv, cmd_validate_usage);
		}
	}

	if (staged && rev)
		return pm_fail("validate", "--staged and --rev cannot be used together");
	if (staged || rev) {
		char *why = NULL;
		if (ws_status != PM_WS_OK && !(rev && ws_status == PM_WS_BARE))
			return pm_fail("validate", "--%s needs a git repository%s", staged ? "staged" : "rev",
				       ws_status == PM_WS_BARE ? " with a working tree" : "");
		if (pm_docsource_open(&src, ws, staged ? PM_SRC_INDEX : PM_SRC_REV, rev, &why) != 0) {
			status = pm_fail("validate", "%s", why);
			free(why);
			return status;
		}
		status = collect_from_source(&targets, &ids, ws, src, staged ? "the index" : rev, argv + optind,
					     argc - optind);
		if (status)
			goto done;
		goto check;
	}

	if (ws_status == PM_WS_BARE && optind >= argc)
		return pm_fail("validate", "this is a bare repository: there is no working tree to check");
	if (!in_repo && optind >= argc)
		return pm_fail("validate", "not in a git repository: name the files to check, or run it "
					   "inside a repository");

	if (in_repo) {
		char *failed = NULL;
		if (pm_worktree_list(&all, ws->root, ws->cfg.directory, ws->exclude, &failed) != 0) {
			status = pm_fail(failed, "cannot read this folder: %s", strerror(errno));
			free(failed);
			goto done;
		}
		for (size_t i = 0; i < all.count; i++) {
			pm_idset_add(&ids, all.items[i]);
			if (optind >= argc)
				add_target(&targets, pm_xasprintf("%s/%s", ws->root, all.items[i]),
					   pm_xstrdup(all.items[i]), &ids);
		}
	}
	if (optind < argc) {
		status = collect_named(&targets, &ids, &fs, ws, in_repo, &all, argv + optind, argc - optind);
		if (status)
			goto done;
		/* A named file outside the directory still has an id. */
		if (in_repo) {
			pm_strlist extra = {0};
			pm_idset_finish(&ids);
			for (size_t t = 0; t < targets.count; t++)
				if (!idset_has_path(&ids, targets.items[t].display_path))
					pm_strlist_add(&extra, targets.items[t].display_path);
			for (size_t e = 0; e < extra.count; e++)
				pm_idset_add(&ids, extra.items[e]);
			pm_strlist_clear(&extra);
		}
	}
check:
	pm_idset_finish(&ids);

	pm_check_targets(&ws->cfg, targets.items, targets.count, jobs, &diags);
	pm_diags_sort(&diags);
	if (write_report(format, &diags, targets.count) != 0) {
		status = pm_fail("validate", "cannot write the report: %s", strerror(errno));
		goto done;
	}
	if (pm_diags_count(&diags, PM_ERROR) || (strict && pm_diags_count(&diags, PM_WARNING)))
		status = PM_EXIT_PROBLEMS;
done:
	pm_diags_clear(&diags);
	clear_targets(&targets);
	pm_idset_clear(&ids);
	clear_folder_sets(&fs);
	pm_strlist_clear(&all);
	pm_docsource_free(src);
	return status;
}
