/* Front-matter field rules and cross-document rules (src/core/rules.c). */
#include "helpers.h"

/* Replaces one front-matter line and checks; returns the diagnostics. */
static void check_field(pm_diags *d, const char *from, const char *to)
{
	char *t = replace(VALID_DOC, from, to);
	check_text(d, "postmortems/2026-11-20-x.md", t);
	free(t);
}

/* The replacement yields exactly one diagnostic of `rule` at `line`. */
static void expect_one(const char *from, const char *to, pm_rule rule, int line, const char *fragment)
{
	pm_diags d;
	check_field(&d, from, to);
	if (d.count != 1 || d.items[0].rule != rule || d.items[0].line != line ||
	    (fragment && !strstr(d.items[0].message, fragment))) {
		print_message("replacing '%s' with '%s':\n", from, to);
		dump(&d);
		fail_msg("expected one %s on line %d%s%s", pm_rule_name(rule), line, fragment ? " saying " : "",
			 fragment ? fragment : "");
	}
	pm_diags_clear(&d);
}

static void expect_none(const char *from, const char *to)
{
	pm_diags d;
	check_field(&d, from, to);
	if (d.count) {
		print_message("replacing '%s' with '%s':\n", from, to);
		dump(&d);
	}
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);
}

static void test_required_fields(void **state)
{
	static const char *const lines[] = {
		"title: Database failover left replicas stale\n", "severity: SEV2\n", "customer_impact: false\n",
		"data_breach: false\n", "authors: [Alice]\n", "failure_categories: [technical]\n", "status: final\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		expect_one(lines[i], "", PM_RULE_FIELD_MISSING, 1, NULL);
	/* Empty, blank, null and an empty list count as absent. */
	expect_one("title: Database failover left replicas stale", "title:", PM_RULE_FIELD_MISSING, 1, "'title'");
	expect_one("title: Database failover left replicas stale", "title: '  '", PM_RULE_FIELD_MISSING, 1, NULL);
	expect_one("title: Database failover left replicas stale", "title: ~", PM_RULE_FIELD_MISSING, 1, NULL);
	expect_one("authors: [Alice]", "authors: []", PM_RULE_FIELD_MISSING, 1, "'authors'");
}

static void test_types(void **state)
{
	(void)state;
	expect_none("title: Database failover left replicas stale", "title: 2026");
	expect_none("authors: [Alice]", "authors: Alice");
	expect_none("authors: [Alice]", "authors:\n  - Alice\n  - Bob");
	expect_none("customer_impact: false", "customer_impact: False");
	expect_none("data_breach: false", "data_breach: FALSE\nactors: [unknown]");
	expect_one("title: Database failover left replicas stale", "title: [a, b]", PM_RULE_FIELD_INVALID, 2, "a list");
	expect_one("customer_impact: false", "customer_impact: yes", PM_RULE_FIELD_INVALID, 6, "YAML 1.2");
	expect_one("customer_impact: false", "customer_impact: Off", PM_RULE_FIELD_INVALID, 6, "YAML 1.2");
	expect_one("customer_impact: false", "customer_impact: \"true\"", PM_RULE_FIELD_INVALID, 6, "quotes");
	expect_one("customer_impact: false", "customer_impact: 1", PM_RULE_FIELD_INVALID, 6, NULL);
	{
		/* Without a valid date, each HH:MM of the timeline has no day
		 * either (contract 3.4): that is the timeline's own warning. */
		pm_diags d;
		check_field(&d, "date: 2026-11-20", "date: 2026-11-31");
		assert_int_equal(find_rule(&d, PM_RULE_FIELD_INVALID, 0)->line, 3);
		assert_non_null(strstr(find_rule(&d, PM_RULE_FIELD_INVALID, 0)->message, "calendar"));
		assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_TIME_INVALID), 2);
		assert_diag_count(&d, 3);
		pm_diags_clear(&d);
		check_field(&d, "date: 2026-11-20", "date: 20.11.2026");
		assert_int_equal(count_rule(&d, PM_RULE_FIELD_INVALID), 1);
		pm_diags_clear(&d);
	}
	expect_none("date: 2026-11-20", "date: '2026-11-20'");
	expect_one("status: final", "status: done", PM_RULE_FIELD_INVALID, 4, "draft, review, final");
	expect_one("severity: SEV2", "severity: sev2", PM_RULE_FIELD_INVALID, 5, "did you mean 'SEV2'");
	expect_one("authors: [Alice]", "authors: [Alice, '']", PM_RULE_FIELD_INVALID, 8, "item 2");
	expect_one("authors: [Alice]", "authors: {name: Alice}", PM_RULE_FIELD_INVALID, 8, "mapping");
	expect_none("authors: [Alice]", "authors: [Alice]\nlang: fr-CA\nincident: INC-1\nservices: db\ntags: [a]\nx-own: y");
	expect_one("authors: [Alice]", "authors: [Alice]\nlang: english!", PM_RULE_FIELD_INVALID, 9, "language tag");
}

static void test_times(void **state)
{
	(void)state;
	expect_none("authors: [Alice]", "authors: [Alice]\nstarted: 2026-11-20T09:00:00Z\ndetected: 2026-11-20T10:05+01:00\n"
					"mitigated: 2026-11-20 09:30Z\nresolved: 2026-11-20T09:30:00.000Z");
	expect_one("authors: [Alice]", "authors: [Alice]\nstarted: 2026-11-20T09:00:00Z\ndetected: 2026-11-20T08:05Z",
		   PM_RULE_FIELD_INVALID, 10, "earlier than 'started'");
	expect_one("authors: [Alice]", "authors: [Alice]\nresolved: 2026-11-20T09:00:00", PM_RULE_FIELD_INVALID, 9,
		   "RFC 3339");
	/* A missing middle time: compared with the last one given. */
	expect_one("authors: [Alice]", "authors: [Alice]\nstarted: 2026-11-20T09:00Z\nresolved: 2026-11-20T08:00Z",
		   PM_RULE_FIELD_INVALID, 10, "earlier than 'started'");
}

static void test_categories_field(void **state)
{
	pm_diags d;
	(void)state;
	expect_one("failure_categories: [technical]", "failure_categories: [technical, moon]", PM_RULE_CATEGORY_UNKNOWN,
		   9, "'moon'");
	expect_none("failure_categories: [technical]", "failure_categories: TECHNICAL");
	/* An invalid list is that field's diagnostic alone. */
	check_field(&d, "failure_categories: [technical]", "failure_categories: {a: b}");
	assert_int_equal(count_rule(&d, PM_RULE_FIELD_INVALID), 1);
	assert_diag_count(&d, 1);
	pm_diags_clear(&d);
	/* ...also when some items are good: no category-missing for them. */
	check_field(&d, "failure_categories: [technical]", "failure_categories: [process, '']");
	assert_int_equal(count_rule(&d, PM_RULE_FIELD_INVALID), 1);
	assert_diag_count(&d, 1);
	pm_diags_clear(&d);
}

static void test_breach_and_cross_document(void **state)
{
	pm_diags d;
	(void)state;
	check_field(&d, "data_breach: false", "data_breach: true\nactors: []");
	assert_int_equal(find_rule(&d, PM_RULE_ACTORS_MISSING, 0)->line, 7);
	assert_int_equal(find_rule(&d, PM_RULE_ACTORS_MISSING, 0)->severity, PM_WARNING);
	assert_diag_count(&d, 3);
	pm_diags_clear(&d);
	check_field(&d, "data_breach: false", "data_breach: true\nactors: [unknown]");
	/* A breach is a full postmortem: two more sections are required. */
	assert_int_equal(count_rule(&d, PM_RULE_SECTION_MISSING), 2);
	assert_int_equal(count_rule(&d, PM_RULE_ACTORS_MISSING), 0);
	pm_diags_clear(&d);

	expect_none("authors: [Alice]", "authors: [Alice]\nrelated: [2026-11-01-other]");
	expect_one("authors: [Alice]", "authors: [Alice]\nrelated: [2026-11-01-other, 2026-01-01-gone]",
		   PM_RULE_RELATED_UNKNOWN, 9, "2026-01-01-gone");
	expect_one("date: 2026-11-20", "date: 2026-11-21", PM_RULE_FILENAME_DATE_MISMATCH, 3, "2026-11-20");
}

static void test_id_duplicate(void **state)
{
	pm_config cfg;
	pm_idset ids = {0};
	pm_diags d = {0};
	(void)state;
	pm_config_init(&cfg);
	pm_idset_add(&ids, "postmortems/2026-11-20-x.md");
	pm_idset_add(&ids, "postmortems/old/2026-11-20-x.md");
	pm_idset_add(&ids, "postmortems/2026-11-21-y.md");
	pm_idset_finish(&ids);
	pm_check_buffer(&cfg, "postmortems/old/2026-11-20-x.md", VALID_DOC, strlen(VALID_DOC), &ids, &d);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_ID_DUPLICATE);
	assert_non_null(strstr(d.items[0].message, "postmortems/2026-11-20-x.md"));
	pm_diags_clear(&d);
	pm_idset_clear(&ids);
	pm_config_free(&cfg);
}

static void test_sanitized_messages(void **state)
{
	pm_diags d;
	(void)state;
	check_field(&d, "status: final", "status: \"\\e[31mfinal\\u0085\"");
	assert_diag_count(&d, 1);
	assert_null(strchr(d.items[0].message, '\033'));
	assert_non_null(strstr(d.items[0].message, "\\x1b[31mfinal\\u0085"));
	pm_diags_clear(&d);
}

/* A value that looks right but is not: what hides the difference is shown. */
static void test_hidden_characters(void **state)
{
	pm_diags d;
	(void)state;
	check_field(&d, "status: final", "status: \"\u202efinal\u200b\"");
	assert_diag_count(&d, 1);
	assert_non_null(strstr(d.items[0].message, "'\\u202efinal\\u200b'"));
	assert_null(strstr(d.items[0].message, "\u202e"));
	pm_diags_clear(&d);
	/* Invisible operators and tag characters (four bytes). */
	check_field(&d, "status: final", "status: \"fi\u2063nal\U000E0041\"");
	assert_diag_count(&d, 1);
	assert_non_null(strstr(d.items[0].message, "'fi\\u2063nal\\U000e0041'"));
	pm_diags_clear(&d);
	/* Right-to-left marks and joiners are text: kept. */
	check_field(&d, "status: final", "status: \"fin\u200fal\u200d\"");
	assert_diag_count(&d, 1);
	assert_non_null(strstr(d.items[0].message, "'fin\u200fal\u200d'"));
	pm_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_categories_field),
		cmocka_unit_test(test_breach_and_cross_document),
		cmocka_unit_test(test_id_duplicate),
		cmocka_unit_test(test_sanitized_messages),
		cmocka_unit_test(test_hidden_characters),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
