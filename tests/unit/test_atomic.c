/* pm_write_atomic: whole files, their modes, and nothing left behind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem/atomic.h"
#include "postmortem/source.h"
#include "postmortem/util.h"

static int make_dir(void **state)
{
	char *dir = pm_xstrdup("/tmp/pm-atomic-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int remove_dir(void **state)
{
	char *dir = *state;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char *path;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = pm_xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
	return 0;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

static void assert_contents(const char *path, const char *want, size_t want_len)
{
	char *buf = NULL;
	size_t len = 0;
	assert_int_equal(pm_read_file(path, 1 << 20, &buf, &len), 0);
	assert_int_equal(len, want_len);
	assert_memory_equal(buf, want, want_len);
	free(buf);
}

static void test_new_and_replaced(void **state)
{
	const char *dir = *state;
	char *path = pm_xasprintf("%s/ACTIONS.md", dir);
	char *why = NULL;
	struct stat st;
	mode_t mask = umask(022);
	/* A new file: 0666 less the umask. */
	assert_int_equal(pm_write_atomic(path, "one\r\n", 5, -1, &why), 0);
	assert_null(why);
	assert_contents(path, "one\r\n", 5);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* Replaced: the old mode stays. */
	assert_int_equal(chmod(path, 0750), 0);
	assert_int_equal(pm_write_atomic(path, "two, with a NUL \0 byte", 22, -1, &why), 0);
	assert_contents(path, "two, with a NUL \0 byte", 22);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	/* An explicit mode wins; an empty file is a file. */
	assert_int_equal(pm_write_atomic(path, "", 0, 0600, &why), 0);
	assert_contents(path, "", 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* No temporary file is left. */
	assert_int_equal(entries(dir), 1);
	umask(mask);
	free(path);
}

static void test_failure_leaves_nothing(void **state)
{
	const char *dir = *state;
	char *missing = pm_xasprintf("%s/no-such-folder/ACTIONS.md", dir);
	char *sub = pm_xasprintf("%s/a-folder", dir);
	char *why = NULL;
	assert_int_equal(pm_write_atomic(missing, "x", 1, -1, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "No such file or directory"));
	free(why);
	why = NULL;
	/* A folder in the way: the rename fails, the temporary file goes. */
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(pm_write_atomic(sub, "x", 1, -1, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "cannot replace the file"));
	free(why);
	assert_int_equal(entries(dir), 1);
	rmdir(sub);
	free(missing);
	free(sub);
}

static void test_relative_path(void **state)
{
	const char *dir = *state;
	char cwd[4096];
	char *why = NULL;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	/* A bare name is written in the current folder. */
	assert_int_equal(pm_write_atomic("out.csv", "a,b\r\n", 5, -1, &why), 0);
	assert_contents("out.csv", "a,b\r\n", 5);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(entries(dir), 1);
}

static void test_temporary_names(void **state)
{
	const char *dir = *state;
	char *path = pm_xasprintf("%s/2026-11-20-x.md", dir);
	char *why = NULL;
	/* What commit must never record, and validate never read: hidden,
	 * recognisable, and nothing else. */
	assert_true(pm_is_temp_name(".postmortem-Ab12Cd.tmp"));
	assert_true(pm_is_temp_name("postmortems/2026/.postmortem-123-0-ff.tmp"));
	assert_false(pm_is_temp_name(".postmortem.yml"));
	assert_false(pm_is_temp_name(".postmortem-.tmp"));
	assert_false(pm_is_temp_name("postmortem-x.tmp"));
	assert_false(pm_is_temp_name(".postmortem-x.tmp/2026-11-20-x.md"));
	assert_false(pm_is_temp_name("2026-11-20-x.md"));
	/* A file that cannot replace the target leaves no temporary file;
	 * one written beside a document has such a name while it exists,
	 * so a folder of a target name shows it. */
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(pm_write_atomic(path, "x", 1, -1, &why), -1);
	free(why);
	assert_int_equal(entries(dir), 1);
	rmdir(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_and_replaced, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_failure_leaves_nothing, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_relative_path, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_temporary_names, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
