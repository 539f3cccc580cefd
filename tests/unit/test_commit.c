/* Signatures as git makes them (src/git/commit.c): the date forms that
 * GIT_AUTHOR_DATE and GIT_COMMITTER_DATE take. The commit itself is
 * tested end to end against the real git (tests/cli/cases-git.sh). */
#include "helpers.h"

#include <git2.h>

#include "postmortem/commit.h"

static void expect_date(const char *text, long long seconds, int offset)
{
	long long s = 0;
	int o = 0;
	if (!pm_parse_git_date(text, &s, &o))
		fail_msg("'%s' was not read", text);
	assert_int_equal(s, seconds);
	assert_int_equal(o, offset);
}

static void test_date_forms(void **state)
{
	long long s;
	int o;
	(void)state;
	expect_date("@1700000000 +0100", 1700000000, 60);
	expect_date("@1700000000", 1700000000, 0);
	expect_date("1700000000 -0530", 1700000000, -330);
	/* date -u -d 2026-11-20T09:14:00Z +%s */
	expect_date("2026-11-20T09:14:00Z", 1795166040, 0);
	expect_date("2026-11-20T10:14:00+01:00", 1795166040, 60);
	expect_date("2026-11-20 10:14:00 +0100", 1795166040, 60);
	expect_date("Fri, 20 Nov 2026 10:14:00 +0100", 1795166040, 60);
	assert_false(pm_parse_git_date("yesterday", &s, &o));
	assert_false(pm_parse_git_date("2026-11-20T09:14:00 +01", &s, &o));
	assert_false(pm_parse_git_date("", &s, &o));
}

static void test_signature_from_env(void **state)
{
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	char dir[] = "/tmp/pm-test-commit-XXXXXX";
	char *why = NULL;
	(void)state;
	assert_non_null(mkdtemp(dir));
	git_libgit2_init();
	assert_int_equal(git_repository_init(&repo, dir, 0), 0);
	setenv("GIT_AUTHOR_NAME", "Ada Lovelace", 1);
	setenv("GIT_AUTHOR_EMAIL", "ada@example.com", 1);
	setenv("GIT_AUTHOR_DATE", "@1700000000 +0200", 1);
	assert_int_equal(pm_signature_from_env(&sig, repo, "AUTHOR", &why), 0);
	assert_string_equal(sig->name, "Ada Lovelace");
	assert_string_equal(sig->email, "ada@example.com");
	assert_int_equal(sig->when.time, 1700000000);
	assert_int_equal(sig->when.offset, 120);
	git_signature_free(sig);
	setenv("GIT_AUTHOR_DATE", "not a date", 1);
	assert_int_equal(pm_signature_from_env(&sig, repo, "AUTHOR", &why), -1);
	assert_non_null(strstr(why, "GIT_AUTHOR_DATE"));
	free(why);
	git_repository_free(repo);
	git_libgit2_shutdown();
	{
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_signature_from_env),
	};
	return cmocka_run_group_tests_name("commit", tests, NULL, NULL);
}
