#include "postmortem/docsource.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "postmortem/doc.h"
#include "postmortem/source.h"

struct pm_docsource {
	pm_src_kind kind;
	pm_workspace *ws;
	git_index *index; /* PM_SRC_INDEX */
	git_tree *tree;   /* PM_SRC_REV: the revision's root tree */
};

static char *git_why(const char *what)
{
	const git_error *e = git_error_last();
	return pm_xasprintf("%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

int pm_docsource_open(pm_docsource **out, pm_workspace *ws, pm_src_kind kind, const char *rev, char **why)
{
	pm_docsource *src = pm_xcalloc(1, sizeof(*src));
	src->kind = kind;
	src->ws = ws;
	*out = NULL;
	*why = NULL;
	if (kind != PM_SRC_WORKTREE && !ws->repo) {
		*why = pm_xstrdup("not in a git repository");
		goto fail;
	}
	if (kind == PM_SRC_WORKTREE && !ws->root) {
		*why = pm_xstrdup("there is no working tree (a bare repository?)");
		goto fail;
	}
	if (kind == PM_SRC_INDEX && git_repository_index(&src->index, ws->repo) < 0) {
		*why = git_why("cannot read the index");
		goto fail;
	}
	if (kind == PM_SRC_REV) {
		git_object *obj = NULL;
		if (git_revparse_single(&obj, ws->repo, rev) < 0) {
			*why = pm_xasprintf("'%s' is not a revision of this repository", rev);
			goto fail;
		}
		if (git_object_peel((git_object **)&src->tree, obj, GIT_OBJECT_TREE) < 0) {
			git_object_free(obj);
			*why = pm_xasprintf("'%s' does not name a commit or a tree", rev);
			goto fail;
		}
		git_object_free(obj);
	}
	*out = src;
	return 0;
fail:
	pm_docsource_free(src);
	return -1;
}

pm_src_kind pm_docsource_kind(const pm_docsource *src)
{
	return src->kind;
}

void pm_docsource_free(pm_docsource *src)
{
	if (!src)
		return;
	git_index_free(src->index);
	git_tree_free(src->tree);
	free(src);
}

static bool is_md_name(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".md") == 0;
}

typedef struct {
	const pm_workspace *ws;
	const char *prefix; /* the directory, with a trailing '/', or "" */
	pm_strlist *out;
} walk_state;

static int tree_walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	walk_state *st = payload;
	const char *name = git_tree_entry_name(entry);
	char *rel;
	if (name[0] == '.')
		return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0;
	rel = pm_xasprintf("%s%s", root, name);
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE && !is_md_name(name)) {
		int skip = pm_exclude_matches(st->ws->exclude, rel, true) ? 1 : 0;
		free(rel);
		return skip;
	}
	if (is_md_name(name) && !pm_exclude_matches(st->ws->exclude, rel, false))
		pm_strlist_add_owned(st->out, pm_xasprintf("%s%s", st->prefix, rel));
	free(rel);
	/* A tree named *.md is a document (file-invalid when read), not a
	 * folder to search. */
	return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 1 : 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_tree(pm_docsource *src, pm_strlist *out, char **why)
{
	const char *dir = src->ws->cfg.directory;
	git_tree *sub = NULL;
	git_tree_entry *entry = NULL;
	walk_state st = {src->ws, "", out};
	char *prefix = NULL;
	int rc = 0;
	if (strcmp(dir, ".") == 0) {
		sub = src->tree;
	} else {
		if (git_tree_entry_bypath(&entry, src->tree, dir) < 0 ||
		    git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
			git_tree_entry_free(entry);
			return 0; /* no directory in that revision: no documents */
		}
		if (git_tree_lookup(&sub, git_tree_owner(src->tree), git_tree_entry_id(entry)) < 0) {
			git_tree_entry_free(entry);
			*why = git_why("cannot read a tree");
			return -1;
		}
		git_tree_entry_free(entry);
		prefix = pm_xasprintf("%s/", dir);
		st.prefix = prefix;
	}
	if (git_tree_walk(sub, GIT_TREEWALK_PRE, tree_walk_cb, &st) < 0) {
		*why = git_why("cannot walk a tree");
		rc = -1;
	}
	if (sub != src->tree)
		git_tree_free(sub);
	free(prefix);
	return rc;
}

static int list_index(pm_docsource *src, pm_strlist *out)
{
	size_t n = git_index_entrycount(src->index);
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(src->index, i);
		if (!pm_workspace_is_document(src->ws, e->path))
			continue;
		/* The stages of a conflict share one path: list it once. */
		if (out->count && strcmp(out->items[out->count - 1], e->path) == 0)
			continue;
		pm_strlist_add(out, e->path);
	}
	return 0;
}

int pm_docsource_list(pm_docsource *src, pm_strlist *out, char **why)
{
	size_t first = out->count;
	int rc = 0;
	*why = NULL;
	switch (src->kind) {
	case PM_SRC_WORKTREE: {
		char *failed = NULL;
		if (pm_worktree_list(out, src->ws->root, src->ws->cfg.directory, src->ws->exclude, &failed) != 0) {
			*why = pm_xasprintf("%s: cannot read this folder", failed);
			free(failed);
			return -1;
		}
		return 0;
	}
	case PM_SRC_INDEX:
		rc = list_index(src, out);
		break;
	case PM_SRC_REV:
		rc = list_tree(src, out, why);
		break;
	}
	if (out->count - first > 1)
		qsort(out->items + first, out->count - first, sizeof(char *), compare_strings);
	return rc;
}

static git_tree *head_tree(git_repository *repo)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	if (git_revparse_single(&obj, repo, "HEAD^{tree}") < 0)
		return NULL; /* an unborn branch */
	tree = (git_tree *)obj;
	return tree;
}

int pm_docsource_staged(pm_docsource *src, pm_strlist *out, char **why)
{
	pm_strlist all = {0};
	git_tree *head;
	*why = NULL;
	if (src->kind != PM_SRC_INDEX) {
		*why = pm_xstrdup("only the index has staged documents");
		return -1;
	}
	if (pm_docsource_list(src, &all, why) != 0)
		return -1;
	head = head_tree(src->ws->repo);
	for (size_t i = 0; i < all.count; i++) {
		const git_index_entry *e = git_index_get_bypath(src->index, all.items[i], 0);
		git_tree_entry *in_head = NULL;
		bool changed = true;
		if (e && head && git_tree_entry_bypath(&in_head, head, all.items[i]) == 0) {
			changed = !git_oid_equal(git_tree_entry_id(in_head), &e->id) ||
				  git_tree_entry_filemode(in_head) != (git_filemode_t)e->mode;
			git_tree_entry_free(in_head);
		}
		if (changed)
			pm_strlist_add(out, all.items[i]);
	}
	git_tree_free(head);
	pm_strlist_clear(&all);
	return 0;
}

/* Copies a blob's bytes, or says why not. */
static int read_blob(git_repository *repo, const git_oid *id, git_filemode_t mode, char **buf, size_t *len,
		     char *why, size_t why_size)
{
	git_blob *blob;
	git_object_size_t size;
	if (mode == GIT_FILEMODE_LINK) {
		snprintf(why, why_size, "the path is a symbolic link, not a regular file");
		return -1;
	}
	if (mode == GIT_FILEMODE_COMMIT) {
		snprintf(why, why_size, "the path is a submodule, not a regular file");
		return -1;
	}
	if (mode == GIT_FILEMODE_TREE) {
		snprintf(why, why_size, "the path is a directory, not a regular file");
		return -1;
	}
	if (git_blob_lookup(&blob, repo, id) < 0) {
		const git_error *e = git_error_last();
		snprintf(why, why_size, "the file cannot be read from git: %s", e && e->message ? e->message : "?");
		return -1;
	}
	size = git_blob_rawsize(blob);
	if (size > PM_MAX_FILE_SIZE) {
		git_blob_free(blob);
		snprintf(why, why_size, "the file is larger than 16 MiB");
		return -1;
	}
	*len = (size_t)size;
	*buf = pm_xmalloc(*len + 1);
	memcpy(*buf, git_blob_rawcontent(blob), *len);
	(*buf)[*len] = '\0';
	git_blob_free(blob);
	return 0;
}

bool pm_docsource_has(pm_docsource *src, const char *path)
{
	switch (src->kind) {
	case PM_SRC_WORKTREE: {
		char *full = pm_xasprintf("%s/%s", src->ws->root, path);
		struct stat st;
		bool found = lstat(full, &st) == 0;
		free(full);
		return found;
	}
	case PM_SRC_INDEX:
		for (int stage = 0; stage <= 3; stage++)
			if (git_index_get_bypath(src->index, path, stage))
				return true;
		return false;
	case PM_SRC_REV: {
		git_tree_entry *entry = NULL;
		bool found = git_tree_entry_bypath(&entry, src->tree, path) == 0;
		git_tree_entry_free(entry);
		return found;
	}
	}
	return false;
}

int pm_docsource_read(pm_docsource *src, const char *path, char **buf, size_t *len, char *why,
		      size_t why_size)
{
	switch (src->kind) {
	case PM_SRC_WORKTREE: {
		char *full = pm_xasprintf("%s/%s", src->ws->root, path);
		int rc = pm_read_document(full, buf, len, why, why_size);
		free(full);
		return rc;
	}
	case PM_SRC_INDEX: {
		const git_index_entry *e = git_index_get_bypath(src->index, path, 0);
		if (!e) {
			if (git_index_get_bypath(src->index, path, 1) || git_index_get_bypath(src->index, path, 2) ||
			    git_index_get_bypath(src->index, path, 3))
				snprintf(why, why_size, "the index holds a merge conflict for this file: resolve it and "
							"stage the result");
			else
				snprintf(why, why_size, "the file is not in the index");
			return -1;
		}
		return read_blob(git_index_owner(src->index), &e->id, (git_filemode_t)e->mode, buf, len, why,
				 why_size);
	}
	case PM_SRC_REV: {
		git_tree_entry *entry = NULL;
		int rc;
		if (git_tree_entry_bypath(&entry, src->tree, path) < 0) {
			snprintf(why, why_size, "the file is not in that revision");
			return -1;
		}
		rc = read_blob(git_tree_owner(src->tree), git_tree_entry_id(entry), git_tree_entry_filemode(entry),
			       buf, len, why, why_size);
		git_tree_entry_free(entry);
		return rc;
	}
	}
	return -1;
}
