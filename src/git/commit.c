#include "postmortem/commit.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "postmortem/atomic.h"
#include "postmortem/check.h"
#include "postmortem/docsource.h"
#include "postmortem/rules.h"
#include "postmortem/source.h"

static char *git_why(const char *what)
{
	const git_error *e = git_error_last();
	return pm_xasprintf("%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

/* ---- signatures, as git makes them ---- */

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* +HHMM, -HHMM, +HH:MM, Z */
static bool parse_zone(const char *s, int *minutes)
{
	int sign;
	while (*s == ' ')
		s++;
	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*minutes = 0;
		return true;
	}
	if (*s != '+' && *s != '-')
		return false;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (all_digits(s, 4) && s[4] == '\0') {
		*minutes = sign * (((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[2] - '0') * 10 + (s[3] - '0'));
		return true;
	}
	if (all_digits(s, 2) && s[2] == ':' && all_digits(s + 3, 2) && s[5] == '\0') {
		*minutes = sign * (((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0'));
		return true;
	}
	return false;
}

bool pm_parse_git_date(const char *text, long long *seconds, int *offset_minutes)
{
	const char *s = text;
	struct tm tm;
	const char *rest;
	char *end;
	while (*s == ' ')
		s++;
	/* "@1700000000 +0100" or git's own "1700000000 +0100" */
	if (*s == '@' || (all_digits(s, strcspn(s, " ")) && strchr(s, ' '))) {
		long long v;
		if (*s == '@')
			s++;
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno || end == s)
			return false;
		*seconds = v;
		*offset_minutes = 0;
		return *end == '\0' || parse_zone(end, offset_minutes);
	}
	memset(&tm, 0, sizeof(tm));
	/* ISO 8601, with 'T' or a space */
	rest = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (!rest)
		rest = strptime(s, "%Y-%m-%d %H:%M", &tm);
	if (!rest) {
		/* RFC 2822 */
		memset(&tm, 0, sizeof(tm));
		rest = strptime(s, "%a, %d %b %Y %H:%M", &tm);
	}
	if (!rest)
		return false;
	if (*rest == ':' && all_digits(rest + 1, 2)) {
		tm.tm_sec = (rest[1] - '0') * 10 + (rest[2] - '0');
		rest += 3;
	}
	if (*rest == '.')
		while (*++rest >= '0' && *rest <= '9')
			;
	while (*rest == ' ')
		rest++;
	if (*rest == '\0') {
		/* No zone: local time, as git reads it. */
		time_t t;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return false;
		*seconds = (long long)t;
		*offset_minutes = (int)(tm.tm_gmtoff / 60);
		return true;
	}
	if (!parse_zone(rest, offset_minutes))
		return false;
	*seconds = (long long)timegm(&tm) - (long long)*offset_minutes * 60;
	return true;
}

static char *config_string(git_repository *repo, const char *name)
{
	git_config *cfg = NULL;
	git_buf buf = {0};
	char *out = NULL;
	if (git_repository_config_snapshot(&cfg, repo) == 0 && git_config_get_string_buf(&buf, cfg, name) == 0)
		out = pm_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	return out;
}

int pm_signature_from_env(git_signature **out, git_repository *repo, const char *who, char **why)
{
	char var[32];
	const char *name_env, *email_env, *date_env;
	char *name = NULL, *email = NULL;
	long long seconds;
	int offset;
	int rc;
	snprintf(var, sizeof(var), "GIT_%s_NAME", who);
	name_env = getenv(var);
	snprintf(var, sizeof(var), "GIT_%s_EMAIL", who);
	email_env = getenv(var);
	snprintf(var, sizeof(var), "GIT_%s_DATE", who);
	date_env = getenv(var);
	name = name_env && *name_env ? pm_xstrdup(name_env) : config_string(repo, "user.name");
	email = email_env && *email_env ? pm_xstrdup(email_env) : config_string(repo, "user.email");
	if (!name || !*name || !email) {
		*why = pm_xstrdup("tell git who you are: git config user.name 'Your Name' and git config "
				  "user.email you@example.com");
		free(name);
		free(email);
		return -1;
	}
	if (date_env && *date_env) {
		if (!pm_parse_git_date(date_env, &seconds, &offset)) {
			*why = pm_xasprintf("GIT_%s_DATE: '%s' is not a date git understands", who, date_env);
			free(name);
			free(email);
			return -1;
		}
		rc = git_signature_new(out, name, email, (git_time_t)seconds, offset);
	} else {
		rc = git_signature_now(out, name, email);
	}
	free(name);
	free(email);
	if (rc < 0) {
		*why = git_why("cannot make a signature");
		return -1;
	}
	return 0;
}

/* ---- choosing the paths ---- */

static const char *state_name(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE:
		return "a merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "a revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "a cherry-pick";
	case GIT_REPOSITORY_STATE_BISECT:
		return "a bisect";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		return "a git am";
	default:
		return "a rebase";
	}
}

/* Every path under `spec` (a folder, a file, or "" for all) that is new,
 * changed or deleted in the working tree or the index, compared with HEAD. */
static int changed_paths(git_repository *repo, const char *spec, pm_strlist *out, char **why)
{
	git_status_options opts;
	git_status_list *list = NULL;
	char *specs[1];
	size_t n;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	specs[0] = (char *)spec;
	if (*spec) {
		opts.pathspec.strings = specs;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &opts) < 0) {
		*why = git_why("cannot compare the working tree with HEAD");
		return -1;
	}
	n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		const char *path;
		if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED) || !d)
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		/* What a crash left behind while writing is no change of the
		 * user's. */
		if (pm_is_temp_name(path))
			continue;
		if (!pm_strlist_has(out, path))
			pm_strlist_add(out, path);
		/* A path staged under another name: its old name goes too. */
		if (e->head_to_index && e->head_to_index->old_file.path &&
		    !pm_strlist_has(out, e->head_to_index->old_file.path))
			pm_strlist_add(out, e->head_to_index->old_file.path);
	}
	git_status_list_free(list);
	return 0;
}

static bool exists_on_disk(const pm_workspace *ws, const char *path, struct stat *st)
{
	char *full = pm_xasprintf("%s/%s", ws->root, path);
	bool found = lstat(full, st) == 0;
	free(full);
	return found;
}

static bool is_md(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

static int choose_paths(pm_workspace *ws, git_index *index, git_tree *head_tree, const pm_strlist *paths,
			pm_strlist *chosen, char **why)
{
	if (!paths || paths->count == 0) {
		const char *dir = ws->cfg.directory;
		if (changed_paths(ws->repo, strcmp(dir, ".") == 0 ? "" : dir, chosen, why) != 0 ||
		    changed_paths(ws->repo, PM_CONFIG_FILE, chosen, why) != 0)
			return -1;
		return 0;
	}
	for (size_t i = 0; i < paths->count; i++) {
		const char *p = paths->items[i];
		struct stat st;
		git_tree_entry *in_head = NULL;
		bool known = git_index_get_bypath(index, p, 0) != NULL;
		if (!known && head_tree && git_tree_entry_bypath(&in_head, head_tree, p) == 0) {
			known = git_tree_entry_type(in_head) != GIT_OBJECT_TREE;
			git_tree_entry_free(in_head);
		}
		if (*p == '\0' || (exists_on_disk(ws, p, &st) && S_ISDIR(st.st_mode))) {
			if (changed_paths(ws->repo, p, chosen, why) != 0)
				return -1;
		} else if (exists_on_disk(ws, p, &st) || known) {
			if (!pm_strlist_has(chosen, p))
				pm_strlist_add(chosen, p);
		} else {
			*why = pm_xasprintf("'%s' did not match any file", p);
			return -1;
		}
	}
	return 0;
}

/* ---- validation of what will be committed ---- */

static int validate_chosen(pm_workspace *ws, const pm_strlist *chosen, const pm_strlist *named, pm_diags *diags,
			   size_t *checked, char **why)
{
	pm_idset ids = {0};
	pm_strlist in_head = {0};
	pm_docsource *head_src = NULL;
	int rc = 0;

	/* The documents as they will be after the commit: HEAD's, with the
	 * chosen paths added or removed. */
	if (!git_repository_head_unborn(ws->repo)) {
		if (pm_docsource_open(&head_src, ws, PM_SRC_REV, "HEAD", why) != 0 ||
		    pm_docsource_list(head_src, &in_head, why) != 0) {
			rc = -1;
			goto done;
		}
	}
	for (size_t i = 0; i < in_head.count; i++) {
		struct stat st;
		if (pm_strlist_has(chosen, in_head.items[i]) && !exists_on_disk(ws, in_head.items[i], &st))
			continue;
		pm_idset_add(&ids, in_head.items[i]);
	}
	for (size_t i = 0; i < chosen->count; i++) {
		struct stat st;
		if (!pm_strlist_has(&in_head, chosen->items[i]) && exists_on_disk(ws, chosen->items[i], &st) &&
		    pm_workspace_is_document(ws, chosen->items[i]))
			pm_idset_add(&ids, chosen->items[i]);
	}
	pm_idset_finish(&ids);

	for (size_t i = 0; i < chosen->count; i++) {
		const char *p = chosen->items[i];
		struct stat st;
		char *full, *buf = NULL;
		size_t len = 0;
		char reason[256];
		bool named_md = named && pm_strlist_has(named, p) && is_md(p);
		if (!exists_on_disk(ws, p, &st) || !(pm_workspace_is_document(ws, p) || named_md))
			continue;
		full = pm_xasprintf("%s/%s", ws->root, p);
		(*checked)++;
		if (pm_read_document(full, &buf, &len, reason, sizeof(reason)) != 0)
			pm_diags_add(diags, p, 1, 1, PM_ERROR, PM_RULE_FILE_INVALID, "%s", reason);
		else
			pm_check_buffer(&ws->cfg, p, buf, len, &ids, diags);
		free(buf);
		free(full);
	}
done:
	pm_docsource_free(head_src);
	pm_strlist_clear(&in_head);
	pm_idset_clear(&ids);
	return rc;
}

/* ---- the message ---- */

static char *default_message(pm_workspace *ws, git_tree *head_tree, const pm_strlist *chosen)
{
	pm_buf added = {0}, updated = {0}, removed = {0}, msg = {0};
	for (size_t i = 0; i < chosen->count; i++) {
		const char *p = chosen->items[i];
		git_tree_entry *entry = NULL;
		struct stat st;
		bool in_head = head_tree && git_tree_entry_bypath(&entry, head_tree, p) == 0;
		bool on_disk = exists_on_disk(ws, p, &st);
		pm_buf *which = !on_disk ? &removed : in_head ? &updated : &added;
		char *name = pm_workspace_is_document(ws, p) ? pm_doc_id_from_path(p) : pm_xstrdup(p);
		git_tree_entry_free(entry);
		if (!on_disk && !in_head) {
			free(name);
			continue;
		}
		pm_buf_adds(which, which->len ? ", " : "");
		pm_buf_adds(which, name);
		free(name);
	}
	pm_buf_adds(&msg, "postmortem:");
	if (added.len)
		pm_buf_printf(&msg, " add %s", added.data);
	if (updated.len)
		pm_buf_printf(&msg, "%s update %s", added.len ? ";" : "", updated.data);
	if (removed.len)
		pm_buf_printf(&msg, "%s remove %s", added.len || updated.len ? ";" : "", removed.data);
	pm_buf_addc(&msg, '\n');
	pm_buf_free(&added);
	pm_buf_free(&updated);
	pm_buf_free(&removed);
	return pm_buf_detach(&msg);
}

/* ---- the commit ---- */

void pm_commit_result_clear(pm_commit_result *result)
{
	free(result->message);
	pm_strlist_clear(&result->paths);
	memset(result, 0, sizeof(*result));
}

/* Moves the current branch (or a detached HEAD) from old (NULL: an unborn
 * branch) to new, under the ref's lock, with a reflog entry as git writes
 * it: the committer, at the commit's time, "commit: <subject>". */
static int update_head(git_repository *repo, const git_oid *old, const git_oid *new, const git_signature *committer,
		       const char *message, char **why)
{
	git_reference *head = NULL;
	git_transaction *tx = NULL;
	git_oid current;
	size_t subject = strcspn(message, "\n");
	char *log = pm_xasprintf("commit%s: %.*s", old ? "" : " (initial)", (int)subject, message);
	char *refname = NULL;
	int rc = -1, found;
	if (git_reference_lookup(&head, repo, "HEAD") < 0) {
		*why = git_why("cannot read HEAD");
		goto done;
	}
	refname = pm_xstrdup(git_reference_type(head) == GIT_REFERENCE_SYMBOLIC ? git_reference_symbolic_target(head)
										: "HEAD");
	if (git_transaction_new(&tx, repo) < 0 || git_transaction_lock_ref(tx, refname) < 0) {
		*why = git_why("cannot lock the branch");
		goto done;
	}
	/* Under the lock: the branch must still be where the commit's parent is. */
	found = git_reference_name_to_id(&current, repo, refname);
	if (old ? (found < 0 || !git_oid_equal(&current, old)) : found == 0) {
		*why = pm_xasprintf("%s moved meanwhile: nothing was committed", refname);
		goto done;
	}
	if (git_transaction_set_target(tx, refname, new, committer, log) < 0 || git_transaction_commit(tx) < 0) {
		*why = git_why("cannot move the branch");
		goto done;
	}
	rc = 0;
done:
	git_transaction_free(tx);
	git_reference_free(head);
	free(refname);
	free(log);
	return rc;
}

/* The index file's bytes, to put back exactly if the branch cannot move. */
typedef struct {
	bool existed;
	char *data;
	size_t len;
} index_snapshot;

/* Only a missing index counts as none: one that cannot be read must not
 * be deleted by a restore that thinks it never existed. */
static int snapshot_index(git_index *index, index_snapshot *snap)
{
	memset(snap, 0, sizeof(*snap));
	if (pm_read_file(git_index_path(index), (size_t)1 << 30, &snap->data, &snap->len) == 0) {
		snap->existed = true;
		return 0;
	}
	return errno == ENOENT ? 0 : -1;
}

/* Puts the snapshot back under index.lock, as git would write it. */
static int restore_index(git_index *index, const index_snapshot *snap)
{
	const char *path = git_index_path(index);
	char *lock = pm_xasprintf("%s.lock", path);
	int fd, rc = -1;
	if (!snap->existed) {
		rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
		free(lock);
		return rc;
	}
	fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (write(fd, snap->data, snap->len) == (ssize_t)snap->len && fsync(fd) == 0 && close(fd) == 0)
			rc = rename(lock, path);
		else
			close(fd);
		if (rc != 0)
			unlink(lock);
	}
	free(lock);
	return rc;
}

pm_commit_status pm_commit(pm_workspace *ws, const pm_strlist *paths, const char *message, pm_diags *diags,
			   pm_commit_result *result, char **why)
{
	git_repository *repo = ws->repo;
	pm_commit_status status = PM_COMMIT_FAILED;
	git_index *index = NULL, *staging = NULL;
	git_commit *head = NULL;
	git_tree *head_tree = NULL, *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_object *obj = NULL;
	git_buf short_id = {0};
	git_oid tree_id, commit_id;
	pm_strlist chosen = {0};
	char *lock = NULL;
	struct stat st;
	int state;
	index_snapshot snapshot = {0};

	memset(result, 0, sizeof(*result));
	*why = NULL;
	if (!repo || !ws->root) {
		*why = pm_xstrdup(repo ? "a bare repository has no working tree to commit from"
				       : "not in a git repository");
		return PM_COMMIT_FAILED;
	}
	state = git_repository_state(repo);
	if (state != GIT_REPOSITORY_STATE_NONE) {
		*why = pm_xasprintf("%s is in progress: finish or abort it with git first", state_name(state));
		return PM_COMMIT_FAILED;
	}
	if (git_repository_index(&index, repo) < 0 || git_index_read(index, 1) < 0) {
		*why = git_why("cannot read the index");
		goto done;
	}
	/* Checked first for a clear message; git_index_write takes the lock
	 * itself and refuses just the same if it appears meanwhile. */
	lock = pm_xasprintf("%s.lock", git_index_path(index));
	if (stat(lock, &st) == 0) {
		*why = pm_xasprintf("the index is locked (%s exists): another git process seems to be running; "
				    "if none is, remove the file",
				    lock);
		goto done;
	}
	if (!git_repository_head_unborn(repo)) {
		if (git_revparse_single(&obj, repo, "HEAD^{commit}") < 0) {
			*why = git_why("cannot read HEAD");
			goto done;
		}
		head = (git_commit *)obj;
		obj = NULL;
		if (git_commit_tree(&head_tree, head) < 0) {
			*why = git_why("cannot read HEAD's tree");
			goto done;
		}
	}
	if (choose_paths(ws, index, head_tree, paths, &chosen, why) != 0)
		goto done;
	if (chosen.count == 0) {
		status = PM_COMMIT_NOTHING;
		goto done;
	}

	if (validate_chosen(ws, &chosen, paths, diags, &result->checked, why) != 0)
		goto done;
	if (pm_diags_count(diags, PM_ERROR)) {
		status = PM_COMMIT_INVALID;
		goto done;
	}

	/* The commit's tree: HEAD's, plus only the chosen paths. Their
	 * entries come from the real index after git_index_add_bypath, so
	 * blobs, modes and filters are exactly what `git add` makes. */
	if (git_index_new(&staging) < 0 || (head_tree && git_index_read_tree(staging, head_tree) < 0)) {
		*why = git_why("cannot build the commit's tree");
		goto done;
	}
	for (size_t i = 0; i < chosen.count; i++) {
		const char *p = chosen.items[i];
		if (exists_on_disk(ws, p, &st)) {
			const git_index_entry *entry;
			if (git_index_add_bypath(index, p) < 0 || !(entry = git_index_get_bypath(index, p, 0)) ||
			    git_index_add(staging, entry) < 0) {
				*why = git_why(p);
				goto done;
			}
		} else {
			if ((git_index_remove_bypath(index, p) < 0) || git_index_remove_bypath(staging, p) < 0) {
				*why = git_why(p);
				goto done;
			}
		}
	}
	if (git_index_write_tree_to(&tree_id, staging, repo) < 0) {
		*why = git_why("cannot write the commit's tree");
		goto done;
	}
	if (head_tree && git_oid_equal(&tree_id, git_tree_id(head_tree))) {
		status = PM_COMMIT_NOTHING;
		goto done;
	}
	if (pm_signature_from_env(&author, repo, "AUTHOR", why) != 0 ||
	    pm_signature_from_env(&committer, repo, "COMMITTER", why) != 0)
		goto done;
	result->message = message ? pm_xasprintf("%s%s", message,
						 message[0] && message[strlen(message) - 1] == '\n' ? "" : "\n")
				  : default_message(ws, head_tree, &chosen);
	/* As git does: the commit object, then the index, then the branch.
	 * If the index is locked now, nothing is committed; if the branch
	 * cannot move, the index is put back as it was. */
	if (git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_commit_create(&commit_id, repo, NULL, author, committer, NULL, result->message, tree, head ? 1 : 0,
			      (const git_commit **)&head) < 0) {
		*why = git_why("cannot create the commit");
		goto done;
	}
	if (snapshot_index(index, &snapshot) != 0) {
		*why = pm_xasprintf("cannot read the index %s: %s; nothing was committed", git_index_path(index),
				    errno == EFBIG ? "larger than 1 GiB" : strerror(errno));
		goto done;
	}
	if (git_index_write(index) < 0) {
		const git_error *e = git_error_last();
		*why = pm_xasprintf("cannot write the index: %s", e && e->message ? e->message : "?");
		goto done;
	}
	if (update_head(repo, head ? git_commit_id(head) : NULL, &commit_id, committer, result->message, why) != 0) {
		if (restore_index(index, &snapshot) != 0) {
			char *more = pm_xasprintf("%s; the index could not be put back either: check git status",
						  *why);
			free(*why);
			*why = more;
		}
		goto done;
	}
	if (git_object_lookup(&obj, repo, &commit_id, GIT_OBJECT_COMMIT) == 0 &&
	    git_object_short_id(&short_id, obj) == 0)
		snprintf(result->short_id, sizeof(result->short_id), "%s", short_id.ptr);
	else
		git_oid_tostr(result->short_id, 8, &commit_id);
	result->paths = chosen;
	memset(&chosen, 0, sizeof(chosen));
	status = PM_COMMIT_DONE;
done:
	free(snapshot.data);
	git_buf_dispose(&short_id);
	git_object_free(obj);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	git_tree_free(head_tree);
	git_commit_free(head);
	git_index_free(staging);
	git_index_free(index);
	pm_strlist_clear(&chosen);
	free(lock);
	return status;
}
