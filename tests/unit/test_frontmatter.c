/* Front matter: delimiters, YAML events, limits (src/core/doc.c, yaml.c). */
#include "helpers.h"

/* The only diagnostic of text, which must be `rule` at line:column. */
static void expect_only(const char *text, pm_rule rule, int line, int column)
{
	pm_diags d;
	check_text(&d, "postmortems/2026-11-20-x.md", text);
	assert_diag_count(&d, 1);
	assert_string_equal(pm_rule_name(d.items[0].rule), pm_rule_name(rule));
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].column, column);
	pm_diags_clear(&d);
}

static void test_valid_document(void **state)
{
	pm_diags d;
	(void)state;
	check_text(&d, "postmortems/2026-11-20-x.md", VALID_DOC);
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);
}

static void test_delimiters(void **state)
{
	char *t;
	pm_diags d;
	(void)state;
	expect_only("# Title\n\ntext\n", PM_RULE_FRONTMATTER_MISSING, 1, 1);
	expect_only("", PM_RULE_FRONTMATTER_MISSING, 1, 1);
	expect_only("\xef\xbb\xbf", PM_RULE_FRONTMATTER_MISSING, 1, 1);
	expect_only("---", PM_RULE_FRONTMATTER_UNTERMINATED, 1, 1);
	expect_only("---\ntitle: x\n", PM_RULE_FRONTMATTER_UNTERMINATED, 1, 1);
	expect_only("---\ntitle: x\n-- -\n", PM_RULE_FRONTMATTER_UNTERMINATED, 1, 1);
	expect_only("---\n---\n", PM_RULE_FRONTMATTER_INVALID, 1, 1);
	expect_only("---\n# just a comment\n---\n", PM_RULE_FRONTMATTER_INVALID, 1, 1);
	expect_only("---\n- a\n- b\n---\n", PM_RULE_FRONTMATTER_INVALID, 2, 1);
	expect_only("---\njust text\n---\n", PM_RULE_FRONTMATTER_INVALID, 2, 1);

	/* Trailing spaces on both delimiters, "..." closing, BOM, CRLF. */
	t = replace(VALID_DOC, "---\ntitle", "---  \ntitle");
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);
	free(t);
	t = replace(VALID_DOC, "failure_categories: [technical]\n---\n", "failure_categories: [technical]\n... \t\n");
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);
	free(t);
}

static char *to_crlf(const char *text)
{
	size_t n = 0;
	char *out = malloc(strlen(text) * 2 + 1);
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			out[n++] = '\r';
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

static void test_bom_and_crlf_positions(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "severity: SEV2", "severity: SEV9");
	char *bom = malloc(strlen(t) + 4);
	char *crlf;
	(void)state;
	strcpy(bom, "\xef\xbb\xbf");
	strcat(bom, t);
	crlf = to_crlf(bom);
	check_text(&d, "postmortems/2026-11-20-x.md", crlf);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_FIELD_INVALID);
	assert_int_equal(d.items[0].line, 5);
	assert_int_equal(d.items[0].column, 11);
	pm_diags_clear(&d);
	free(t);
	free(bom);
	free(crlf);

	/* Body positions in a CRLF file: the timeline item on line 23. */
	t = replace(VALID_DOC, "- 09:14 Alert fires", "- 08:14 Alert fires");
	crlf = to_crlf(t);
	check_text(&d, "postmortems/2026-11-20-x.md", crlf);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_TIMELINE_ORDER);
	assert_int_equal(d.items[0].line, 23);
	assert_int_equal(d.items[0].column, 3);
	pm_diags_clear(&d);
	free(t);
	free(crlf);
}

static void test_yaml_errors(void **state)
{
	pm_diags d;
	char *t;
	(void)state;
	/* '@' cannot start a plain scalar: the message says to quote it. */
	t = replace(VALID_DOC, "authors: [Alice]", "authors: [@alice]");
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_FRONTMATTER_INVALID);
	assert_int_equal(d.items[0].line, 8);
	assert_int_equal(d.items[0].column, 11);
	assert_non_null(strstr(d.items[0].message, "quote"));
	pm_diags_clear(&d);
	free(t);

	t = replace(VALID_DOC, "authors: [Alice]", "base: &a [x]\nauthors: *a");
	expect_only(t, PM_RULE_FRONTMATTER_INVALID, 9, 10);
	free(t);

	t = replace(VALID_DOC, "title: Database", "title: \"unclosed");
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_int_equal(count_rule(&d, PM_RULE_FRONTMATTER_INVALID), 1);
	assert_diag_count(&d, 1);
	pm_diags_clear(&d);
	free(t);
}

static void test_limits(void **state)
{
	pm_buf b = {0};
	(void)state;
	/* 64 levels are allowed (the top mapping is level 1), 65 are not. */
	pm_buf_adds(&b, "---\nx: ");
	for (int i = 0; i < 63; i++)
		pm_buf_adds(&b, "[");
	for (int i = 0; i < 63; i++)
		pm_buf_adds(&b, "]");
	pm_buf_adds(&b, "\n---\n");
	{
		pm_diags d;
		check_text(&d, "postmortems/2026-11-20-x.md", b.data);
		assert_int_equal(count_rule(&d, PM_RULE_FRONTMATTER_INVALID), 0);
		pm_diags_clear(&d);
	}
	pm_buf_free(&b);
	pm_buf_adds(&b, "---\nx: ");
	for (int i = 0; i < 64; i++)
		pm_buf_adds(&b, "[");
	for (int i = 0; i < 64; i++)
		pm_buf_adds(&b, "]");
	pm_buf_adds(&b, "\n---\n");
	expect_only(b.data, PM_RULE_FRONTMATTER_INVALID, 2, 67);
	pm_buf_free(&b);

	/* Over 64 KiB of front matter. */
	pm_buf_adds(&b, "---\n");
	while (b.len < 70000)
		pm_buf_adds(&b, "# padding padding padding padding padding padding padding\n");
	pm_buf_adds(&b, "title: x\n---\n");
	expect_only(b.data, PM_RULE_FRONTMATTER_INVALID, 2, 1);
	pm_buf_free(&b);
}

static void test_duplicate_keys(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "status: final\n", "status: final\nstatus: draft\nstatus: review\nseverity: SEV1\n");
	(void)state;
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	/* Once per key; the other checks run on the first value (final). */
	assert_int_equal(count_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY), 2);
	assert_int_equal(find_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY, 0)->line, 5);
	assert_int_equal(find_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY, 1)->line, 8);
	assert_diag_count(&d, 2);
	pm_diags_clear(&d);
	free(t);
}

static void test_long_lines(void **state)
{
	pm_buf b = {0};
	pm_diags d;
	const pm_diag *dup;
	(void)state;
	/* Places on one line are counted in bytes, past characters of two
	 * bytes, from one value to the next. */
	check_text(&d, "postmortems/2026-11-20-x.md", "---\nx: {a: \xc3\xa9, b: \xc3\xbc, a: 1}\n---\n");
	dup = find_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY, 0);
	assert_non_null(dup);
	assert_int_equal(dup->line, 2);
	assert_int_equal(dup->column, 19);
	pm_diags_clear(&d);

	/* 20,000 values on one line, then a key that repeats the first of
	 * 2,000: found, and in its place (within the 64 KiB) (this took seconds when each
	 * value's place was counted from the line's start, and each key was
	 * compared with every other). */
	pm_buf_adds(&b, "---\ntags: [");
	for (int i = 0; i < 20000; i++)
		pm_buf_adds(&b, "a,");
	pm_buf_adds(&b, "\xc3\xa9]\nx: {");
	for (int i = 0; i < 2000; i++)
		pm_buf_printf(&b, "k%d: 1, ", i);
	pm_buf_adds(&b, "k0: 2}\n---\n");
	check_text(&d, "postmortems/2026-11-20-x.md", b.data);
	assert_int_equal(count_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY), 1);
	dup = find_rule(&d, PM_RULE_FRONTMATTER_DUPLICATE_KEY, 0);
	assert_int_equal(dup->line, 3);
	{
		const char *line3 = strstr(b.data, "\nx: {") + 1;
		assert_int_equal(dup->column, (int)(strstr(line3, "k0: 2}") - line3) + 1);
	}
	pm_diags_clear(&d);
	pm_buf_free(&b);
}

static void test_file_invalid(void **state)
{
	char text[] = "---\ntitle: a\0b\n---\n";
	pm_diags d = {0};
	pm_config cfg;
	(void)state;
	pm_config_init(&cfg);
	pm_check_buffer(&cfg, "x.md", text, sizeof(text) - 1, NULL, &d);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_FILE_INVALID);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 9);
	pm_diags_clear(&d);
	pm_check_buffer(&cfg, "x.md", "---\ntitle: caf\xe9\n---\n", 20, NULL, &d);
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_FILE_INVALID);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 11);
	pm_diags_clear(&d);
	pm_config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_document),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_bom_and_crlf_positions),
		cmocka_unit_test(test_yaml_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_file_invalid),
	};
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
