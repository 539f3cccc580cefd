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
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
