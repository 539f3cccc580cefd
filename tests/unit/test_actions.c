/* Action items: checkboxes, fields, numbering (contract 3.5). */
#include "helpers.h"

static const char *const ITEMS = "- [ ] Alert on replica lag above 30 s\n  - owner: @alice\n  - due: 2026-12-01\n";

static void parse_items(pm_doc *doc, pm_diags *d, const char *items, char **text)
{
	pm_config cfg;
	*text = replace(VALID_DOC, ITEMS, items);
	pm_config_init(&cfg);
	memset(d, 0, sizeof(*d));
	pm_doc_parse(doc, &cfg, "postmortems/2026-11-20-x.md", *text, strlen(*text), d);
	pm_config_free(&cfg);
}

static void check_items(pm_diags *d, const char *items)
{
	char *t = replace(VALID_DOC, ITEMS, items);
	check_text(d, "postmortems/2026-11-20-x.md", t);
	free(t);
}

static void test_model(void **state)
{
	pm_doc doc;
	pm_diags d;
	char *text;
	(void)state;
	parse_items(&doc, &d,
		    "- [ ] First one\n  - Owner: @alice\n  - due: 2026-12-01\n  - type: BUG\n  - ticket: OPS-1\n"
		    "  - a free note, not a field\n  - see: https://x\n- [x] Second\n  - owner:\n  - owner: bob\n"
		    "- [ ]\n- [X] **Third** with *markup*\n  more text on a second line\n",
		    &text);
	assert_int_equal(d.count, 0);
	assert_int_equal(doc.nactions, 3);
	assert_string_equal(doc.actions[0].title, "First one");
	assert_int_equal(doc.actions[0].number, 1);
	assert_int_equal(doc.actions[0].box, PM_BOX_OPEN);
	assert_int_equal(doc.actions[0].line, 33);
	assert_int_equal(doc.actions[0].column, 1);
	assert_int_equal(doc.actions[0].nfields, 5);
	assert_string_equal(doc.actions[0].fields[0].key, "owner");
	assert_string_equal(doc.actions[0].fields[0].value, "@alice");
	assert_string_equal(doc.actions[0].fields[4].key, "see");
	/* The box's byte in the file, for `done`. */
	assert_int_equal(text[doc.actions[0].box_offset], ' ');
	assert_int_equal(text[doc.actions[0].box_offset - 1], '[');
	assert_string_equal(doc.actions[1].title, "Second");
	assert_int_equal(doc.actions[1].box, PM_BOX_DONE);
	assert_int_equal(text[doc.actions[1].box_offset], 'x');
	/* "- [ ]" alone takes no number. */
	assert_string_equal(doc.actions[2].title, "Third with markup");
	assert_int_equal(doc.actions[2].number, 3);
	assert_int_equal(doc.actions[2].box, PM_BOX_DONE);
	assert_int_equal(text[doc.actions[2].box_offset], 'X');
	pm_doc_free(&doc);
	free(text);
}

static void test_rules(void **state)
{
	pm_diags d;
	(void)state;
	check_items(&d, "- Alert on lag\n  - owner: a\n  - due: 2026-12-01\n"
			"- [ ] No owner\n  - due: 2026-12-01\n"
			"- [ ] No due\n  - owner: a\n"
			"- [x] Done needs no due\n  - owner: a\n"
			"- [ ] Bad due\n  - owner: a\n  - due: 2026-02-30\n"
			"- [ ] Bad type\n  - owner: a\n  - due: 2026-12-01\n  - type: feature\n"
			"- [ ] Odd field\n  - owner: a\n  - due: 2026-12-01\n  - priority: high\n"
			"- [ ] Empty owner then real\n  - owner:\n  - owner: b\n  - due: 2026-12-01\n");
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_CHECKBOX_MISSING, 0)->line, 33);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_OWNER_MISSING, 0)->line, 36);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_DUE_MISSING, 0)->line, 38);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_DUE_INVALID, 0)->line, 44);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_DUE_INVALID, 0)->column, 5);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_TYPE_UNKNOWN, 0)->line, 48);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_FIELD_UNKNOWN, 0)->line, 52);
	assert_int_equal(find_rule(&d, PM_RULE_ACTION_FIELD_UNKNOWN, 0)->severity, PM_WARNING);
	assert_non_null(strstr(find_rule(&d, PM_RULE_ACTION_OWNER_MISSING, 0)->message, "No owner"));
	assert_diag_count(&d, 6);
	pm_diags_clear(&d);
}

static void test_crlf_box_offset(void **state)
{
	pm_doc doc;
	pm_diags d = {0};
	pm_config cfg;
	const char *text = "---\r\ntitle: x\r\n---\r\n## Action items\r\n\r\n*   [ ]   Spaced\r\n    - owner: a\r\n";
	(void)state;
	pm_config_init(&cfg);
	pm_doc_parse(&doc, &cfg, "x.md", text, strlen(text), &d);
	assert_int_equal(doc.nactions, 1);
	assert_string_equal(doc.actions[0].title, "Spaced");
	assert_int_equal(doc.actions[0].box_offset, (size_t)(strstr(text, "[ ]") - text + 1));
	assert_int_equal(doc.actions[0].nfields, 1);
	pm_doc_free(&doc);
	pm_config_free(&cfg);
	pm_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_crlf_box_offset),
	};
	return cmocka_run_group_tests_name("actions", tests, NULL, NULL);
}
