/* Timeline entries and their order (contract 3.4). */
#include "helpers.h"

static void check_timeline(pm_diags *d, const char *items)
{
	char *t = replace(VALID_DOC, "- 09:02 Disk fills on the primary\n- 09:14 Alert fires\n", items);
	check_text(d, "postmortems/2026-11-20-x.md", t);
	free(t);
}

static void test_valid_timelines(void **state)
{
	static const char *const cases[] = {
		"- 09:02 a\n- 09:02 same minute is fine\n- 9:14 b\n",
		"- **09:14** bold time\n- `09:20` code time\n- [09:30](http://x) linked time\n",
		"- 2026-11-20 23:50 late\n- 00:10 after midnight takes the last date? no: dated below\n",
		"- 2026-11-20 23:50 late\n- 2026-11-21 00:10 next day\n- 00:20 same next day\n",
		"- 10:00+01:00 in Berlin\n- 09:30Z is later\n- 10:45 still +00:00\n",
		"- 2026-11-20T09:14:05Z seconds\n- 2026-11-20t09:15z lower case\n",
		"- 09:00 a\n-\n- [ ]\n- 09:05 empty items are skipped\n",
		"- 09:00 a\n  - 08:00 nested lists are notes, not entries\n- 09:05 b\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pm_diags d;
		check_timeline(&d, cases[i]);
		if (i == 2) {
			/* 00:10 takes 2026-11-20: earlier than 23:50. */
			assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_ORDER), 1);
			assert_diag_count(&d, 1);
		} else {
			if (d.count)
				print_message("case %zu\n", i);
			assert_diag_count(&d, 0);
		}
		pm_diags_clear(&d);
	}
}

static void test_one_misplaced_entry(void **state)
{
	pm_diags d;
	(void)state;
	check_timeline(&d, "- 09:00 a\n- 09:10 b\n- 08:55 misplaced\n- 09:20 c\n- 09:30 d\n");
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_TIMELINE_ORDER);
	assert_int_equal(d.items[0].line, 24);
	assert_int_equal(d.items[0].column, 3);
	assert_int_equal(d.items[0].severity, PM_ERROR);
	pm_diags_clear(&d);

	/* Offsets compare instants: 10:00+02:00 is 08:00Z, before 09:00Z. */
	check_timeline(&d, "- 09:00Z a\n- 10:00+02:00 b\n");
	assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_ORDER), 1);
	assert_diag_count(&d, 1);
	pm_diags_clear(&d);
}

static void test_invalid_times(void **state)
{
	pm_diags d;
	(void)state;
	check_timeline(&d, "- 09:00 a\n- 25:00 impossible\n- 2026-02-30 10:00 no such day\n- Later that day\n"
			   "- 08:00 still ordered against 09:00\n");
	assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_TIME_INVALID), 3);
	assert_int_equal(find_rule(&d, PM_RULE_TIMELINE_TIME_INVALID, 0)->line, 23);
	assert_int_equal(find_rule(&d, PM_RULE_TIMELINE_TIME_INVALID, 0)->severity, PM_WARNING);
	assert_int_equal(find_rule(&d, PM_RULE_TIMELINE_TIME_INVALID, 2)->line, 25);
	assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_ORDER), 1);
	assert_diag_count(&d, 4);
	pm_diags_clear(&d);
}

static void test_no_date(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "date: 2026-11-20", "date: 2026-11-31");
	(void)state;
	/* The date is invalid: HH:MM alone has no day to take. */
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_int_equal(count_rule(&d, PM_RULE_FIELD_INVALID), 1);
	assert_int_equal(count_rule(&d, PM_RULE_TIMELINE_TIME_INVALID), 2);
	assert_diag_count(&d, 3);
	pm_diags_clear(&d);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_timelines),
		cmocka_unit_test(test_one_misplaced_entry),
		cmocka_unit_test(test_invalid_times),
		cmocka_unit_test(test_no_date),
	};
	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
