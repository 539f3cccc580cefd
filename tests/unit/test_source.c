/* Finding and reading documents: exclude globs as .gitignore matches
 * them, the worktree walk, file-invalid reasons (src/git/source.c). */
#include "helpers.h"

#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/source.h"

static bool excluded(const char *path, bool is_dir, const char *const *globs)
{
	pm_strlist list = {0};
	const char *why;
	pm_exclude *ex;
	bool hit;
	for (size_t i = 0; globs[i]; i++)
		pm_strlist_add(&list, globs[i]);
	ex = pm_exclude_new(&list, &why);
	assert_non_null(ex);
	hit = pm_exclude_matches(ex, path, is_dir);
	pm_exclude_free(ex);
	pm_strlist_clear(&list);
	return hit;
}

#define GLOBS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_gitignore_semantics(void **state)
{
	(void)state;
	/* No '/': a name at any depth. */
	assert_true(excluded("README.md", false, GLOBS("README.md")));
	assert_true(excluded("2026/README.md", false, GLOBS("README.md")));
	assert_false(excluded("README.md.bak/x.md", false, GLOBS("README.md.txt")));
	assert_true(excluded("a/b/draft-1.md", false, GLOBS("draft-*.md")));
	/* With '/': the path from the directory; '*' stays in one folder. */
	assert_true(excluded("archive/y.md", false, GLOBS("archive/*.md")));
	assert_false(excluded("archive/sub/x.md", false, GLOBS("archive/*.md")));
	assert_false(excluded("x/archive/y.md", false, GLOBS("archive/*.md")));
	assert_true(excluded("x/archive/y.md", false, GLOBS("/x/archive/*.md")));
	/* '**' crosses folders, also none at all. */
	assert_true(excluded("templates/en.md", false, GLOBS("templates/**")));
	assert_true(excluded("templates/a/b/en.md", false, GLOBS("templates/**")));
	assert_true(excluded("a/x.md", false, GLOBS("a/**/x.md")));
	assert_true(excluded("a/b/c/x.md", false, GLOBS("a/**/x.md")));
	assert_true(excluded("templates/en.md", false, GLOBS("**/templates")));
	assert_true(excluded("x/y/templates/en.md", false, GLOBS("**/templates")));
	/* A matching folder excludes all below it; a trailing '/' only
	 * matches folders. */
	assert_true(excluded("old/2020/x.md", false, GLOBS("old")));
	assert_true(excluded("old/x.md", false, GLOBS("old/")));
	assert_false(excluded("old", false, GLOBS("old/")));
	assert_true(excluded("old", true, GLOBS("old/")));
	/* '!' re-includes a file, not what an excluded folder holds. */
	assert_false(excluded("keep.md", false, GLOBS("*.md", "!keep.md")));
	assert_true(excluded("old/keep.md", false, GLOBS("old/", "!old/keep.md")));
	/* Character classes and '?'. */
	assert_true(excluded("2019-01-01-x.md", false, GLOBS("20[01]?-*")));
	assert_false(excluded("2026-01-01-x.md", false, GLOBS("20[01]?-*")));
}

static void test_many_double_stars(void **state)
{
	pm_buf glob = {0};
	(void)state;
	/* "**" twice in a row is "**" once; between names, each may match
	 * none or many folders. */
	assert_true(excluded("a/b.md", false, GLOBS("a/**/**/b.md")));
	assert_true(excluded("a/x/y/z/b.md", false, GLOBS("a/**/**/b.md")));
	assert_true(excluded("x/a/y/a/z/b.md", false, GLOBS("**/a/**/a/**/b.md")));
	assert_false(excluded("x/a/y/z/b.md", false, GLOBS("**/a/**/a/**/b.md")));
	assert_true(excluded("a/b/c", false, GLOBS("*/**/*/**/*")));
	assert_false(excluded("a/b", false, GLOBS("*/**/*/**/*")));
	/* Twenty-five of them against a path 16 folders deep: this took
	 * exponential time (minutes) when each "**" tried each split. */
	for (int i = 0; i < 25; i++)
		pm_buf_adds(&glob, "**/");
	pm_buf_adds(&glob, "zz");
	assert_false(excluded("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/x.md", false, GLOBS(glob.data)));
	assert_true(excluded("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/zz", false, GLOBS(glob.data)));
	pm_buf_free(&glob);
}

typedef struct {
	char dir[64];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	strcpy(f->dir, "/tmp/pm-test-source-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void touch(const fixture *f, const char *rel, const char *text)
{
	char path[256];
	FILE *fp;
	snprintf(path, sizeof(path), "%s/%s", f->dir, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void sub_dir(const fixture *f, const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", f->dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void test_walk(void **state)
{
	fixture *f = *state;
	pm_strlist globs = {0}, out = {0};
	pm_exclude *ex;
	const char *why;
	char *failed = NULL;
	char link[256];
	sub_dir(f, "pm");
	sub_dir(f, "pm/2026");
	sub_dir(f, "pm/templates");
	sub_dir(f, "pm/.hidden");
	sub_dir(f, "pm/folder.md");
	touch(f, "pm/a.md", "x");
	touch(f, "pm/README.md", "x");
	touch(f, "pm/notes.txt", "x");
	touch(f, "pm/.draft.md", "x");
	touch(f, "pm/2026/b.md", "x");
	touch(f, "pm/templates/en.md", "x");
	touch(f, "pm/.hidden/c.md", "x");
	snprintf(link, sizeof(link), "%s/pm/2026", f->dir);
	{
		char target[256];
		snprintf(target, sizeof(target), "%s/pm/linked", f->dir);
		assert_int_equal(symlink(link, target), 0); /* a symlinked folder: not followed */
		snprintf(target, sizeof(target), "%s/pm/loop.md", f->dir);
		assert_int_equal(symlink(target, target), 0);
	}
	pm_strlist_add(&globs, "README.md");
	pm_strlist_add(&globs, "templates/**");
	ex = pm_exclude_new(&globs, &why);
	assert_int_equal(pm_worktree_list(&out, f->dir, "pm", ex, &failed), 0);
	assert_int_equal(out.count, 4);
	assert_string_equal(out.items[0], "pm/2026/b.md");
	assert_string_equal(out.items[1], "pm/a.md");
	assert_string_equal(out.items[2], "pm/folder.md");
	assert_string_equal(out.items[3], "pm/loop.md");
	pm_strlist_clear(&out);
	/* No directory: no documents, no error. */
	assert_int_equal(pm_worktree_list(&out, f->dir, "absent", ex, &failed), 0);
	assert_int_equal(out.count, 0);
	pm_exclude_free(ex);
	pm_strlist_clear(&globs);
}

static void test_read_reasons(void **state)
{
	fixture *f = *state;
	char path[256], why[256];
	char *buf;
	size_t len;
	sub_dir(f, "dir.md");
	snprintf(path, sizeof(path), "%s/dir.md", f->dir);
	assert_int_equal(pm_read_document(path, &buf, &len, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "directory"));
	snprintf(path, sizeof(path), "%s/fifo.md", f->dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(pm_read_document(path, &buf, &len, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "FIFO"));
	snprintf(path, sizeof(path), "%s/loop.md", f->dir);
	assert_int_equal(symlink(path, path), 0);
	assert_int_equal(pm_read_document(path, &buf, &len, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "loop"));
	touch(f, "ok.md", "---\n");
	snprintf(path, sizeof(path), "%s/ok.md", f->dir);
	assert_int_equal(pm_read_document(path, &buf, &len, why, sizeof(why)), 0);
	assert_int_equal(len, 4);
	assert_string_equal(buf, "---\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gitignore_semantics),
		cmocka_unit_test(test_many_double_stars),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_reasons, setup, teardown),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
