/* File-name slugs of titles (src/core/slug.c). */
#include "helpers.h"

#include "postmortem/slug.h"

typedef struct {
	const char *title;
	const char *slug;
} slug_case;

static void expect_slug(const char *title, const char *want)
{
	char *got = pm_slug(title, strlen(title));
	if (strcmp(got, want) != 0)
		print_message("  title [%s]\n", title);
	assert_string_equal(got, want);
	free(got);
}

static void test_table(void **state)
{
	static const slug_case cases[] = {
		/* Plain titles. */
		{"Database failover promoted a lagging replica", "database-failover-promoted-a-lagging-replica"},
		{"Disk full", "disk-full"},
		{"HTTP 502s from the API gateway", "http-502s-from-the-api-gateway"},
		/* Latin accents, German ß, letters without a decomposition. */
		{"Café Überlastung: Straße", "cafe-uberlastung-strasse"},
		{"STRASSE und Straße", "strasse-und-strasse"},
		{"Résumé: échec de la bascule", "resume-echec-de-la-bascule"},
		{"Año nuevo, caída del pago", "ano-nuevo-caida-del-pago"},
		{"Perché è caduto", "perche-e-caduto"},
		{"Łódź, Ærø, Øresund, Œuvre", "lodz-aero-oresund-oeuvre"},
		{"İstanbul DNS", "istanbul-dns"},
		/* Compatibility forms: full-width letters, ligatures. */
		{"ＡＰＩ ｇａｔｅｗａｙ", "api-gateway"},
		{"\xef\xac\x81le \xef\xac\x82ow", "file-flow"},
		/* Apostrophes join a word. */
		{"Don't panic", "dont-panic"},
		{"Don\xe2\x80\x99t panic", "dont-panic"},
		/* Japanese and emoji leave nothing, or separate words. */
		{"データベースの障害", "postmortem"},
		{"API サーバー停止 2026", "api-2026"},
		{"\xf0\x9f\x94\xa5 Fire \xf0\x9f\x94\xa5", "fire"},
		{"\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5", "postmortem"},
		{"Ελληνικά", "postmortem"},
		{"", "postmortem"},
		{"   ", "postmortem"},
		/* Traversal and hidden names: no '/', no '..', no leading '-' or '.'. */
		{"../../etc", "etc"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "postmortem"},
		{"/", "postmortem"},
		{"--force", "force"},
		{"-rf /", "rf"},
		{".hidden", "hidden"},
		{"...", "postmortem"},
		{"a/b\\c", "a-b-c"},
		/* Runs of separators collapse; no dash at either end. */
		{"  a -- b __ c  ", "a-b-c"},
		{"x.y,z;(w)", "x-y-z-w"},
		/* Control characters and hostile bytes. */
		{"\x1b[31mred\x1b[0m", "31mred-0m"},
		{"line\nbreak", "line-break"},
		/* Invalid UTF-8 gives the fallback rather than a broken name. */
		{"abc\xff", "postmortem"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_slug(cases[i].title, cases[i].slug);
}

static void assert_slug_shape(const char *slug)
{
	size_t n = strlen(slug);
	assert_true(n >= 1 && n <= PM_SLUG_MAX);
	assert_true(slug[0] != '-' && slug[n - 1] != '-');
	assert_null(strstr(slug, "--"));
	for (size_t i = 0; i < n; i++)
		assert_true((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') ||
			    slug[i] == '-');
}

static void repeat(char *title, const char *unit, int times)
{
	title[0] = '\0';
	for (int i = 0; i < times; i++)
		strcat(title, unit);
}

/* The slug of the first len bytes of title: well shaped, and want_len
 * long unless that is 0. */
static char *long_slug(const char *title, size_t len, size_t want_len)
{
	char *slug = pm_slug(title, len);
	assert_slug_shape(slug);
	if (want_len)
		assert_int_equal(strlen(slug), want_len);
	return slug;
}

static void test_long_titles(void **state)
{
	char title[1024];
	char *slug;
	(void)state;
	/* 200 letters: cut at 60. */
	repeat(title, "a", 200);
	free(long_slug(title, 200, PM_SLUG_MAX));
	/* Words: the cut goes back to the end of the last whole word. */
	repeat(title, "word ", 40);
	expect_slug(title, "word-word-word-word-word-word-word-word-word-word-word-word");
	/* 200 characters of two-byte letters (é): folded, then cut. */
	repeat(title, "\xc3\xa9", 200);
	free(long_slug(title, strlen(title), PM_SLUG_MAX));
	/* The bytes given end inside a character: still clean ASCII. */
	free(long_slug(title, 7, 0));
	/* Three-byte Japanese characters around ASCII words, 200 characters. */
	repeat(title, "障害 ab ", 50);
	slug = long_slug(title, strlen(title), 0);
	assert_true(strncmp(slug, "ab-ab-ab", 8) == 0);
	free(slug);
	/* A cut that would land on a dash drops it. */
	repeat(title, "b", 59);
	strcat(title, " c");
	free(long_slug(title, strlen(title), 59));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_long_titles),
	};
	return cmocka_run_group_tests_name("slug", tests, NULL, NULL);
}
