/* postmortem done: ticks an action item's checkbox, and nothing else. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "postmortem/atomic.h"
#include "postmortem/checkbox.h"
#include "postmortem/doc.h"
#include "postmortem/docsource.h"
#include "postmortem/newfile.h"
#include "postmortem/source.h"

const char cmd_done_usage[] =
	"usage: postmortem done ID [--undo] [--commit]\n"
	"\n"
	"Marks the action item ID (DOCUMENT-ID#N, as `postmortem actions` names it)\n"
	"done: its '[ ]' becomes '[x]', and no other byte of the document changes.\n"
	"\n"
	"  --undo     mark it open again: '[x]' becomes '[ ]'\n"
	"  --commit   then commit the document (postmortem: done ID), as\n"
	"             `postmortem commit` does: nothing else of the index changes\n"
	"\n"
	"Exit status: 0 marked (or already so), 1 with --commit: the document has\n"
	"errors (it is marked, not committed), 2 an unknown id, usage, I/O or git\n"
	"error.\n";

/* DOCUMENT-ID#N; a path (postmortems/x.md#2) names its document too. */
static bool parse_id(const char *arg, char **doc_id, int *number)
{
	const char *hash = strrchr(arg, '#');
	char *end;
	long n;
	if (!hash || hash == arg || hash[1] < '1' || hash[1] > '9')
		return false;
	errno = 0;
	n = strtol(hash + 1, &end, 10);
	if (*end || errno || n > INT_MAX)
		return false;
	*number = (int)n;
	{
		char *path = pm_xstrndup(arg, (size_t)(hash - arg));
		*doc_id = pm_doc_id_from_path(path);
		free(path);
	}
	return **doc_id != '\0';
}

/* The one document of the working tree with this id. Returns 0 with
 * *path (from the root), or an exit status. */
static int find_document(pm_workspace *ws, const char *arg, const char *doc_id, char **path)
{
	pm_docsource *src = NULL;
	pm_strlist all = {0}, found = {0};
	char *why = NULL;
	int status = PM_EXIT_OK;
	if (pm_docsource_open(&src, ws, PM_SRC_WORKTREE, NULL, &why) != 0 || pm_docsource_list(src, &all, &why) != 0) {
		status = pm_fail("done", "%s", why);
		goto done;
	}
	for (size_t i = 0; i < all.count; i++) {
		char *id = pm_doc_id_from_path(all.items[i]);
		if (strcmp(id, doc_id) == 0)
			pm_strlist_add(&found, all.items[i]);
		free(id);
	}
	if (found.count == 0)
		status = pm_fail(arg, "no document has the id '%s' (see 'postmortem list')", doc_id);
	else if (found.count > 1)
		status = pm_fail(arg, "the id '%s' is ambiguous: %s and %s have it (id-duplicate)", doc_id,
				 found.items[0], found.items[1]);
	else
		*path = pm_xstrdup(found.items[0]);
done:
	free(why);
	pm_strlist_clear(&all);
	pm_strlist_clear(&found);
	pm_docsource_free(src);
	return status;
}

/* NULL when the folder of path (relative to the top of the work tree)
 * is physically inside the work tree, whatever links lead there; else
 * why not (malloc'd). */
static char *folder_outside(const pm_workspace *ws, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? pm_xstrndup(path, (size_t)(slash - path)) : pm_xstrdup(".");
	char *why = NULL;
	int fd = pm_dir_open_inside(ws->root, dir, false, &why);
	if (fd >= 0)
		close(fd);
	free(dir);
	return why;
}

/* Flips the checkbox of item `number` in the file at full (shown as
 * path). Returns an exit status. */
static int mark(pm_workspace *ws, const char *arg, const char *path, const char *full, int number, bool undo)
{
	pm_done_result res;
	struct stat st;
	char *buf = NULL, *why = NULL, *title, *id, *raw_id;
	char reason[256];
	size_t len = 0;
	int status = PM_EXIT_OK;

	/* Through a link, the write would land outside the documents (or
	 * the repository), and the rename would replace the link. */
	if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
		return pm_fail(path, "is a symbolic link: mark the item in the file it points to");
	/* So would a folder that is a link to elsewhere (the postmortem
	 * folder itself, say): the file's folder must lie in the work tree. */
	if ((why = folder_outside(ws, path)) != NULL) {
		status = pm_fail(path, "%s: nothing was written", why);
		free(why);
		return status;
	}
	if (pm_read_document(full, &buf, &len, reason, sizeof(reason)) != 0)
		return pm_fail(path, "%s", reason);
	switch (pm_done_rewrite(&res, buf, len, &ws->cfg, path, number, undo)) {
	case PM_DONE_UNREADABLE:
		status = pm_fail(path, "%s", res.why);
		break;
	case PM_DONE_NO_ITEM:
		status = pm_fail(arg, "%s has no action item #%d (it has %zu)", path, number, res.nactions);
		break;
	case PM_DONE_NO_BOX:
		status = pm_fail(arg, "%s:%d: the item has no checkbox: start it with '[ ]'", path, res.line);
		break;
	case PM_DONE_NO_PLACE:
		/* Found from cmark's source positions; a box written inside
		 * markup, say, is left alone. */
		status = pm_fail(arg, "%s:%d: cannot find the checkbox's place in the file", path, res.line);
		break;
	case PM_DONE_MEANING:
		status = pm_fail(arg, "%s:%d: flipping the checkbox would change how the document reads "
				 "(a link named 'x'?): change it by hand", path, res.line);
		break;
	case PM_DONE_ALREADY:
	case PM_DONE_CHANGED:
		/* Named as `actions` names it, whatever form the argument took. */
		raw_id = pm_doc_id_from_path(path);
		id = pm_sanitize(raw_id, strlen(raw_id));
		title = pm_sanitize(res.title, strlen(res.title));
		if (!res.out)
			printf("%s#%d is already %s: %s\n", id, number, undo ? "open" : "done", title);
		else if (pm_write_atomic(full, res.out, len, -1, &why) != 0)
			status = pm_fail(path, "%s", why);
		else
			printf("%s#%d %s: %s\n", id, number, undo ? "open again" : "done", title);
		free(title);
		free(id);
		free(raw_id);
		break;
	}
	free(why);
	free(buf);
	pm_done_result_free(&res);
	return status;
}

int cmd_done(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"undo", no_argument, NULL, 'u'},
		{"commit", no_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	bool undo = false, commit = false;
	int opt, number = 0, status;
	char *doc_id = NULL, *path = NULL, *full;
	const char *arg;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'u':
			undo = true;
			break;
		case 'c':
			commit = true;
			break;
		default:
			return pm_unknown_option("done", argv, cmd_done_usage);
		}
	}
	if (optind >= argc)
		return pm_fail("done", "which action item? name one: DOCUMENT-ID#N");
	if (optind + 1 < argc)
		return pm_fail("done", "one action item at a time, not '%s' too", argv[optind + 1]);
	arg = argv[optind];
	if (ws_status == PM_WS_NO_REPO)
		return pm_fail("done", "not in a git repository (or any parent folder)");
	if (ws_status == PM_WS_BARE)
		return pm_fail("done", "this is a bare repository: there is no working tree to change");
	if (!parse_id(arg, &doc_id, &number)) {
		free(doc_id);
		return pm_fail(arg, "not an action item id: write DOCUMENT-ID#N, as 'postmortem actions' shows");
	}
	status = find_document(ws, arg, doc_id, &path);
	if (status == PM_EXIT_OK) {
		full = pm_xasprintf("%s/%s", ws->root, path);
		status = mark(ws, arg, path, full, number, undo);
		free(full);
	}
	if (status == PM_EXIT_OK && commit) {
		pm_strlist paths = {0};
		char *message = pm_xasprintf("postmortem: %s %s#%d", undo ? "reopen" : "done", doc_id, number);
		pm_strlist_add(&paths, path);
		status = pm_commit_and_report(ws, &paths, message);
		pm_strlist_clear(&paths);
		free(message);
	}
	free(doc_id);
	free(path);
	return status;
}
