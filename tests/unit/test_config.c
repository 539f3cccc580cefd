/* .postmortem.yml over the defaults (src/core/config.c). */
#include "helpers.h"

#include "postmortem/text.h"

static int load(pm_config *cfg, const char *yaml, pm_config_error *err)
{
	pm_config_init(cfg);
	return pm_config_load(cfg, yaml, strlen(yaml), err);
}

static long title_of(const pm_heading_set *set, const char *title)
{
	char *norm = pm_title_key(title, strlen(title));
	long k = pm_heading_find_title(set, norm);
	free(norm);
	return k;
}

static void test_defaults(void **state)
{
	pm_config cfg;
	(void)state;
	pm_config_init(&cfg);
	assert_string_equal(cfg.directory, "postmortems");
	assert_string_equal(cfg.default_lang, "en");
	assert_int_equal(cfg.severities.count, 4);
	assert_string_equal(cfg.statuses.items[0], "draft");
	assert_true(pm_config_is_draft(&cfg, "draft"));
	assert_false(pm_config_is_draft(&cfg, "final"));
	assert_int_equal(cfg.action_types.count, 4);
	assert_int_equal(cfg.exclude.count, 3);
	assert_int_equal(cfg.categories.count, 6);
	assert_int_equal(cfg.sections.count, 9);
	assert_int_equal(cfg.langs.count, 6);
	/* Titles of every language, folded. */
	assert_int_equal(title_of(&cfg.sections, "Zeitleiste"), pm_heading_find_key(&cfg.sections, "timeline", 8));
	assert_int_equal(title_of(&cfg.sections, "ZEITABLAUF"), pm_heading_find_key(&cfg.sections, "timeline", 8));
	assert_int_equal(title_of(&cfg.sections, "MASSNAHMEN"), pm_heading_find_key(&cfg.sections, "action-items", 12));
	assert_int_equal(title_of(&cfg.sections, "plan d’action"), pm_heading_find_key(&cfg.sections, "action-items", 12));
	assert_int_equal(title_of(&cfg.sections, "アクション アイテム"), pm_heading_find_key(&cfg.sections, "action-items", 12));
	assert_int_equal(title_of(&cfg.categories, "Glitch di comunicazione"),
			 pm_heading_find_key(&cfg.categories, "communication", 13));
	assert_int_equal(title_of(&cfg.sections, "Summary of things"), -1);
	assert_string_equal(cfg.sections.items[pm_heading_find_key(&cfg.sections, "failures", 8)].display, "Failures");
	pm_config_free(&cfg);
}

static void test_full_config(void **state)
{
	pm_config cfg;
	pm_config_error err;
	long k;
	(void)state;
	assert_int_equal(load(&cfg,
			      "directory: docs/incidents/\n"
			      "default_lang: de\n"
			      "severities: [P1, P2]\n"
			      "statuses: [wip, done]\n"
			      "action_types: task\n"
			      "exclude: []\n"
			      "categories:\n"
			      "  - key: vendor\n"
			      "    titles: {en: Vendor failures, de: [Lieferantenfehler, Zulieferfehler]}\n"
			      "sections:\n"
			      "  - key: customer-communication\n"
			      "    titles: {de: Kundenkommunikation, en: Customer communication}\n"
			      "    required: full\n"
			      "  - key: lessons-learned\n"
			      "    required: always\n",
			      &err),
			 0);
	assert_string_equal(cfg.directory, "docs/incidents");
	assert_string_equal(cfg.default_lang, "de");
	assert_int_equal(cfg.severities.count, 2);
	assert_true(pm_config_is_draft(&cfg, "wip"));
	assert_int_equal(cfg.action_types.count, 1);
	assert_string_equal(cfg.action_types.items[0], "task");
	assert_int_equal(cfg.exclude.count, 0);
	assert_int_equal(cfg.categories.count, 1);
	assert_int_equal(title_of(&cfg.categories, "zulieferfehler"), 0);
	assert_int_equal(title_of(&cfg.categories, "Technical lapses"), -1);
	k = pm_heading_find_key(&cfg.sections, "customer-communication", 22);
	assert_true(k >= 0);
	assert_int_equal(cfg.sections.items[k].required, PM_REQ_FULL);
	assert_string_equal(cfg.sections.items[k].display, "Customer communication");
	assert_int_equal(title_of(&cfg.sections, "Kundenkommunikation"), k);
	k = pm_heading_find_key(&cfg.sections, "lessons-learned", 15);
	assert_int_equal(cfg.sections.items[k].required, PM_REQ_ALWAYS);
	pm_config_free(&cfg);
}

static void expect_error(const char *yaml, int line, int column, const char *fragment)
{
	pm_config cfg;
	pm_config_error err;
	assert_int_equal(load(&cfg, yaml, &err), -1);
	if (!strstr(err.message, fragment))
		fail_msg("message '%s' lacks '%s'", err.message, fragment);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, column);
	pm_config_free(&cfg);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("directory: postmortems\nseverites: [A]\n", 2, 1, "unknown key 'severites'");
	expect_error("directory: ../elsewhere\n", 1, 12, "must not leave");
	expect_error("directory: /abs\n", 1, 12, "relative");
	expect_error("directory: .git/pm\n", 1, 12, "inside .git");
	expect_error("directory: \"pm\\e[31m\"\n", 1, 12, "control characters");
	expect_error("severities: []\n", 1, 13, "at least one");
	expect_error("statuses: [draft, [x]]\n", 1, 19, "list of non-empty strings");
	expect_error("directory: a\ndirectory: b\n", 2, 1, "duplicate key");
	expect_error("directory: [a\n", 2, 1, "not valid YAML");
	expect_error("- a\n- b\n", 1, 1, "mapping");
	expect_error("sections:\n  - key: x\n    required: sometimes\n", 3, 15, "always, full or no");
	expect_error("categories:\n  - key: a\n    titles: {en: Same}\n  - key: b\n    titles: {en: same}\n", 5,
		     18, "already belongs to 'a'");
	expect_error("categories:\n  - titles: {en: X}\n", 2, 5, "needs a 'key'");
	expect_error("action_types: [bug, bug]\n", 1, 21, "twice");
	expect_error("default_lang: 'e n'\n", 1, 15, "language tag");
	/* Found by fuzz_config: duplicates, then a YAML error (no leak). */
	expect_error("directory: a\ndirectory: b\nx: [\n", 4, 1, "not valid YAML");
}

/* 3,000 categories c0..c2999 titled T0..T2999, then more, on whose
 * first line (3002) the error is. */
static void expect_error_after_3000(const char *more, int column, const char *fragment)
{
	pm_buf b = {0};
	pm_buf_adds(&b, "categories:\n");
	for (int i = 0; i < 3000; i++)
		pm_buf_printf(&b, "  - {key: c%d, titles: {en: T%d}}\n", i, i);
	pm_buf_adds(&b, more);
	expect_error(b.data, 3002, column, fragment);
	pm_buf_free(&b);
}

static void test_large(void **state)
{
	enum { N = 20000 };
	pm_config cfg;
	pm_config_error err;
	pm_buf b = {0};
	(void)state;
	/* Thousands of categories and sections, and a long list: read in
	 * linear time (this took tens of seconds to minutes when every key,
	 * title and value was compared with every other). */
	pm_buf_adds(&b, "categories:\n");
	for (int i = 0; i < N; i++)
		pm_buf_printf(&b, "  - {key: c%d, titles: {en: Category %d, de: Kategorie %d, x%d: K%d}}\n", i, i, i, i % 3, i);
	pm_buf_adds(&b, "sections:\n");
	for (int i = 0; i < N / 4; i++)
		pm_buf_printf(&b, "  - {key: s%d, titles: {en: Section %d}, required: no}\n", i, i);
	pm_buf_adds(&b, "  - {key: TIMELINE, required: full}\n");
	pm_buf_adds(&b, "severities: [");
	for (int i = 0; i < N; i++)
		pm_buf_printf(&b, "S%d, ", i);
	pm_buf_adds(&b, "SEV1]\n");
	assert_int_equal(load(&cfg, b.data, &err), 0);
	assert_int_equal(cfg.categories.count, N);
	assert_int_equal(title_of(&cfg.categories, "Kategorie 12345"), 12345);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "C777", 4), 777);
	/* Keys are found whole: a key is no prefix of another. */
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c1", 2), 1);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c10", 3), 10);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c19999x", 6), 19999);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c", 1), -1);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c20000", 6), -1);
	assert_int_equal(pm_heading_find_key(&cfg.categories, "c1\0", 3), -1);
	assert_int_equal(cfg.severities.count, N + 1);
	/* A key of a built-in section, in another case, changes that
	 * section: it is no new one. */
	assert_int_equal(cfg.sections.items[pm_heading_find_key(&cfg.sections, "timeline", 8)].required, PM_REQ_FULL);
	/* Each language once. */
	for (size_t i = 0; i < cfg.langs.count; i++)
		for (size_t j = i + 1; j < cfg.langs.count; j++)
			assert_string_not_equal(cfg.langs.items[i], cfg.langs.items[j]);
	assert_true(pm_strlist_has(&cfg.langs, "x2"));
	pm_config_free(&cfg);
	pm_buf_free(&b);

	/* One category in 30,000 languages. */
	pm_buf_adds(&b, "categories:\n  - key: many\n    titles: {");
	for (int i = 0; i < 30000; i++)
		pm_buf_printf(&b, "%sl%d: [T%d, U%d]", i ? ", " : "", i, i, i);
	pm_buf_adds(&b, "}\n");
	assert_int_equal(load(&cfg, b.data, &err), 0);
	assert_string_equal(pm_heading_title(&cfg.categories.items[0], "l29999"), "T29999");
	assert_int_equal(cfg.categories.items[0].title_langs.count, 30000);
	pm_config_free(&cfg);
	pm_buf_free(&b);

	/* The first repeat is the one reported, whatever lies between. */
	expect_error_after_3000("  - {key: C17, titles: {en: New}}\n  - {key: c18, titles: {en: t5}}\n", 11,
				"category 'C17' is defined twice");
	expect_error_after_3000("  - {key: new, titles: {en: t5}}\n", 29, "already belongs to 'c5'");
	pm_buf_adds(&b, "action_types: [");
	for (int i = 0; i < 3000; i++)
		pm_buf_printf(&b, "t%d, ", i);
	pm_buf_adds(&b, "t2999]\n");
	expect_error(b.data, 1, (int)b.len - 6, "lists 't2999' twice");
	pm_buf_free(&b);
}

static void test_empty_file(void **state)
{
	pm_config cfg;
	pm_config_error err;
	(void)state;
	assert_int_equal(load(&cfg, "", &err), 0);
	assert_string_equal(cfg.directory, "postmortems");
	pm_config_free(&cfg);
	assert_int_equal(load(&cfg, "# only a comment\n", &err), 0);
	pm_config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full_config),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
