/* Exclusive creation inside the work tree (src/core/newfile.c) and paths
 * as the user sees them (src/core/path.c). */
#include "helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "postmortem/newfile.h"
#include "postmortem/path.h"

typedef struct {
	char dir[64];  /* the work tree */
	char out[80];  /* a folder outside it */
	char base[48]; /* holds both */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	strcpy(f->base, "/tmp/pm-test-newfile-XXXXXX");
	if (!mkdtemp(f->base))
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/repo", f->base);
	snprintf(f->out, sizeof(f->out), "%s/outside", f->base);
	if (mkdir(f->dir, 0777) != 0 || mkdir(f->out, 0777) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->base);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static char *slurp_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char buf[256];
	size_t n;
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return strdup(buf);
}

static size_t count_entries(const char *dir, bool hidden_only)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && (!hidden_only || e->d_name[0] == '.'))
			n++;
	closedir(d);
	return n;
}

static void test_dir_inside(void **state)
{
	fixture *f = *state;
	char path[160], *why = NULL;
	struct stat st;
	int fd;

	/* mkdir -p inside the work tree. */
	fd = pm_dir_open_inside(f->dir, "docs/postmortems/2026", true, &why);
	assert_true(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/docs/postmortems/2026", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* Without create, a missing folder is an error. */
	assert_int_equal(pm_dir_open_inside(f->dir, "missing", false, &why), -1);
	assert_non_null(strstr(why, "missing"));
	free(why);
	/* "." is the root itself. */
	fd = pm_dir_open_inside(f->dir, ".", false, &why);
	assert_true(fd >= 0);
	close(fd);

	/* A link to a folder inside the tree is fine. */
	snprintf(path, sizeof(path), "%s/inlink", f->dir);
	assert_int_equal(symlink("docs/postmortems", path), 0);
	fd = pm_dir_open_inside(f->dir, "inlink/new", true, &why);
	assert_true(fd >= 0);
	close(fd);

	/* A link that leads outside is refused, and nothing is made there. */
	snprintf(path, sizeof(path), "%s/outlink", f->dir);
	assert_int_equal(symlink(f->out, path), 0);
	assert_int_equal(pm_dir_open_inside(f->dir, "outlink/sub", true, &why), -1);
	assert_non_null(strstr(why, "outside the work tree"));
	free(why);
	assert_int_equal(count_entries(f->out, false), 0);
	snprintf(path, sizeof(path), "%s/uplink", f->dir);
	assert_int_equal(symlink("..", path), 0);
	assert_int_equal(pm_dir_open_inside(f->dir, "uplink", true, &why), -1);
	free(why);

	/* '..' never leaves, even lexically. */
	assert_int_equal(pm_dir_open_inside(f->dir, "docs/../../outside", true, &why), -1);
	assert_non_null(strstr(why, ".."));
	free(why);
	/* A file where a folder should be. */
	snprintf(path, sizeof(path), "%s/file", f->dir);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	assert_int_equal(pm_dir_open_inside(f->dir, "file/sub", true, &why), -1);
	free(why);
}

static void test_create(void **state)
{
	fixture *f = *state;
	char path[160], *why = NULL, *name = NULL, *text;
	int fd = pm_dir_open_inside(f->dir, ".", false, &why);
	assert_true(fd >= 0);

	assert_int_equal(pm_newfile_create(fd, "a.md", "first\n", 6, &why), 0);
	/* Never replaced: the second write reports the name taken. */
	assert_int_equal(pm_newfile_create(fd, "a.md", "second\n", 7, &why), PM_NEWFILE_EXISTS);
	snprintf(path, sizeof(path), "%s/a.md", f->dir);
	text = slurp_file(path);
	assert_string_equal(text, "first\n");
	free(text);
	/* A dangling link takes the name too: it is not followed. */
	snprintf(path, sizeof(path), "%s/link.md", f->dir);
	assert_int_equal(symlink("../outside/target.md", path), 0);
	assert_int_equal(pm_newfile_create(fd, "link.md", "x", 1, &why), PM_NEWFILE_EXISTS);
	snprintf(path, sizeof(path), "%s/target.md", f->out);
	assert_int_equal(access(path, F_OK), -1);

	/* Numbered names. */
	assert_int_equal(pm_newfile_create_unique(fd, "2026-11-20-x", ".md", "1", 1, NULL, &name, &why), 0);
	assert_string_equal(name, "2026-11-20-x.md");
	free(name);
	assert_int_equal(pm_newfile_create_unique(fd, "2026-11-20-x", ".md", "2", 1, NULL, &name, &why), 0);
	assert_string_equal(name, "2026-11-20-x-2.md");
	free(name);
	assert_int_equal(pm_newfile_create_unique(fd, "2026-11-20-x", ".md", "3", 1, NULL, &name, &why), 0);
	assert_string_equal(name, "2026-11-20-x-3.md");
	free(name);
	{
		/* Names taken elsewhere (ids of documents in other folders). */
		pm_strlist avoid = {0};
		pm_strlist_add(&avoid, "2026-11-20-y.md");
		pm_strlist_add(&avoid, "2026-11-20-y-2.md");
		assert_int_equal(pm_newfile_create_unique(fd, "2026-11-20-y", ".md", "4", 1, &avoid, &name, &why), 0);
		assert_string_equal(name, "2026-11-20-y-3.md");
		free(name);
		snprintf(path, sizeof(path), "%s/2026-11-20-y-3.md", f->dir);
		assert_int_equal(unlink(path), 0);
		pm_strlist_clear(&avoid);
	}
	snprintf(path, sizeof(path), "%s/2026-11-20-x-2.md", f->dir);
	text = slurp_file(path);
	assert_string_equal(text, "2");
	free(text);
	/* No temporary file is left behind. */
	assert_int_equal(count_entries(f->dir, true), 0);
	close(fd);
}

/* Processes at once, with the same name: each gets its own file. */
static void test_concurrent(void **state)
{
	fixture *f = *state;
	enum { N = 8 };
	pid_t pids[N];
	char *why = NULL;
	int fd = pm_dir_open_inside(f->dir, "race", true, &why);
	char path[160];
	assert_true(fd >= 0);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			char *name = NULL, text[8];
			snprintf(text, sizeof(text), "%d", i);
			_exit(pm_newfile_create_unique(fd, "same", ".md", text, strlen(text), NULL, &name, &why) == 0 ? 0 : 1);
		}
	}
	for (int i = 0; i < N; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	snprintf(path, sizeof(path), "%s/race", f->dir);
	assert_int_equal(count_entries(path, false), N);
	assert_int_equal(count_entries(path, true), 0);
	close(fd);
}

static void expect_relative(const char *from, const char *to, const char *want)
{
	char *got = pm_path_relative(from, to);
	assert_string_equal(got, want);
	free(got);
}

static void test_relative(void **state)
{
	char *joined;
	(void)state;
	expect_relative("/r", "/r/postmortems/a.md", "postmortems/a.md");
	expect_relative("/r/postmortems", "/r/postmortems/a.md", "a.md");
	expect_relative("/r/src/deep", "/r/postmortems/a.md", "../../postmortems/a.md");
	expect_relative("/r", "/r", ".");
	expect_relative("/", "/r/a.md", "r/a.md");
	expect_relative("/ab", "/abc/x.md", "../abc/x.md");
	joined = pm_path_join(".", "a.md");
	assert_string_equal(joined, "a.md");
	free(joined);
	joined = pm_path_join("docs/pm", "a.md");
	assert_string_equal(joined, "docs/pm/a.md");
	free(joined);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dir_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
		cmocka_unit_test(test_relative),
	};
	return cmocka_run_group_tests_name("newfile", tests, NULL, NULL);
}
