/* Templates: the built-in ones, and filling a front matter in
 * (src/core/template.c). */
#include "helpers.h"

#include "postmortem/template.h"
#include "postmortem/yaml.h"

static pm_strlist authors_of(const char *a, const char *b)
{
	pm_strlist list = {0};
	pm_strlist_add(&list, a);
	if (b)
		pm_strlist_add(&list, b);
	return list;
}

static pm_template_values values_for(const char *title, const pm_strlist *authors, const char *lang)
{
	pm_template_values v;
	v.title = title;
	v.date = "2026-11-20";
	v.status = "draft";
	v.severity = "SEV4";
	v.lang = lang;
	v.authors = authors;
	return v;
}

/* Fills tmpl in and returns the result; fails the test on an error. */
static char *fill(const char *tmpl, const pm_template_values *v)
{
	char *out = NULL, *why = NULL;
	size_t len = 0;
	if (pm_template_fill(&out, &len, tmpl, strlen(tmpl), v, &why) != 0)
		fail_msg("fill failed: %s", why);
	assert_int_equal(strlen(out), len);
	return out;
}

/* Filling tmpl in fails, with a reason that mentions what. */
static void expect_fill_error(const char *tmpl, const pm_template_values *v, const char *what)
{
	char *out = NULL, *why = NULL;
	size_t len = 0;
	assert_int_equal(pm_template_fill(&out, &len, tmpl, strlen(tmpl), v, &why), -1);
	assert_null(out);
	assert_non_null(why);
	if (!strstr(why, what))
		fail_msg("expected '%s' in: %s", what, why);
	free(why);
}

/* The front matter of a document (between the --- lines), parsed. */
static pm_ynode *front_matter(const char *doc)
{
	const char *start = strchr(doc, '\n') + 1;
	const char *end = strstr(start, "\n---");
	pm_ynode *root = NULL;
	pm_yaml_error err;
	assert_non_null(end);
	if (pm_yaml_parse(&root, start, (size_t)(end - start) + 1, 2, NULL, &err) != 0)
		fail_msg("front matter: %d:%d %s", err.line, err.column, err.message);
	assert_non_null(root);
	return root;
}

static const char *value_of(const pm_ynode *root, const char *key)
{
	const pm_ynode *n = pm_ymap_get(root, key);
	assert_non_null(n);
	assert_int_equal(n->type, PM_Y_SCALAR);
	return n->value;
}

/* Every heading of the table stands in text with its anchor and the first
 * title of language l: "## <a name="timeline"></a>Zeitleiste". */
static void expect_headings(const char *text, size_t l, const char *marks, const pm_builtin_heading *table,
			    size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t n = strcspn(table[i].titles[l], ";");
		char *heading = pm_xasprintf("\n%s <a name=\"%s\"></a>%.*s\n", marks, table[i].key, (int)n,
					     table[i].titles[l]);
		if (!strstr(text, heading))
			fail_msg("%s: no heading %s", pm_builtin_langs[l], heading);
		free(heading);
	}
}

/* Every built-in template: the sections of contract 3.2 with their anchors
 * and the language's first title, every category, the examples, and a
 * fresh document that validates with no errors. */
static void test_builtin_templates(void **state)
{
	(void)state;
	for (size_t l = 0; l < PM_LANG_COUNT; l++) {
		const char *lang = pm_builtin_langs[l];
		const pm_embedded_file *t = pm_builtin_template(lang);
		pm_strlist authors = authors_of("Alice Nguyen", NULL);
		pm_template_values v = values_for("Disk full on the build runner", &authors, lang);
		char *doc;
		pm_ynode *fm;
		pm_diags diags;
		print_message("  template %s\n", lang);
		assert_non_null(t);
		assert_int_equal(strlen(t->data), t->len);
		expect_headings(t->data, l, "##", pm_builtin_sections, pm_builtin_section_count);
		expect_headings(t->data, l, "###", pm_builtin_categories, pm_builtin_category_count);
		/* The examples: a timeline entry and an action item with its fields. */
		assert_non_null(strstr(t->data, "\n- 2026-11-20 09:02 "));
		assert_non_null(strstr(t->data, "\n- [ ] "));
		assert_non_null(strstr(t->data, "\n  - owner: @alice\n  - due: 2026-12-01\n"));

		doc = fill(t->data, &v);
		fm = front_matter(doc);
		assert_string_equal(value_of(fm, "title"), "Disk full on the build runner");
		assert_string_equal(value_of(fm, "date"), "2026-11-20");
		assert_string_equal(value_of(fm, "status"), "draft");
		assert_string_equal(value_of(fm, "severity"), "SEV4");
		assert_string_equal(value_of(fm, "customer_impact"), "false");
		assert_string_equal(value_of(fm, "data_breach"), "false");
		assert_string_equal(value_of(fm, "lang"), lang);
		assert_int_equal(pm_ymap_get(fm, "authors")->count, 1);
		assert_int_equal(pm_ymap_get(fm, "failure_categories")->count, 0);
		pm_ynode_free(fm);

		check_text(&diags, "postmortems/2026-11-20-disk-full.md", doc);
		if (pm_diags_count(&diags, PM_ERROR))
			dump(&diags);
		assert_int_equal(pm_diags_count(&diags, PM_ERROR), 0);
		/* A draft's empty sections are warnings, and nothing else is. */
		assert_int_equal(count_rule(&diags, PM_RULE_SECTION_EMPTY), diags.count);
		pm_diags_clear(&diags);
		free(doc);
		pm_strlist_clear(&authors);
	}
	assert_null(pm_builtin_template("pt"));
	assert_null(pm_builtin_template("../en"));
	assert_non_null(pm_embedded_readme("de-CH"));
	assert_string_equal(pm_embedded_readme("de-CH")->name, "readme/de.md");
	assert_string_equal(pm_embedded_readme("pt")->name, "readme/en.md");
}

static void expect_scalar(const char *value, const char *yaml)
{
	char *got = pm_yaml_scalar(value);
	assert_non_null(got);
	assert_string_equal(got, yaml);
	free(got);
}

static void test_scalars(void **state)
{
	pm_strlist list = authors_of("Alice Nguyen", "@bob");
	char *got;
	(void)state;
	expect_scalar("Disk full", "Disk full");
	expect_scalar("データベース障害", "データベース障害");
	/* What a YAML reader would turn into something else is quoted. */
	expect_scalar("", "\"\"");
	expect_scalar("true", "\"true\"");
	expect_scalar("No", "\"No\"");
	expect_scalar("null", "\"null\"");
	expect_scalar("~", "\"~\"");
	expect_scalar("2026", "\"2026\"");
	expect_scalar("2026-11-20", "\"2026-11-20\"");
	expect_scalar("@alice", "\"@alice\"");
	expect_scalar("---", "\"---\"");
	expect_scalar("Cause: disk", "'Cause: disk'");
	expect_scalar("a #b", "'a #b'");
	expect_scalar("a\nb", "\"a\\nb\"");
	expect_scalar("\x1b[31m", "\"\\e[31m\"");
	expect_scalar("it's", "it's");
	/* Not UTF-8: refused. */
	assert_null(pm_yaml_scalar("a\xff"));
	got = pm_yaml_flow_list(&list);
	assert_string_equal(got, "[Alice Nguyen, \"@bob\"]");
	free(got);
	pm_strlist_clear(&list);
}

/* Titles and authors that would break a front matter written by hand
 * read back exactly as given. */
static void test_hostile_values(void **state)
{
	static const char *const titles[] = {
		"Quote \" and ' inside",
		"'single' \"double\"",
		"Cause: a colon",
		"# not a comment",
		"a # b",
		"two\nlines",
		"\n---\nstatus: final\n---\n",
		"---",
		"...",
		"\x1b[31mred\x1b[0m",
		"tab\there",
		"  padded  ",
		"[flow, list]",
		"{a: 1}",
		"*alias",
		"&anchor x",
		"!tag x",
		"|",
		">",
		"%directive",
		"- dash",
		"? key",
		"\\backslash\\",
		"trailing:",
		"\xe2\x80\xa8line separator",
		"\xc2\x85next line",
		"BOM \xef\xbb\xbf inside",
		"yes",
		"0x1F",
		"1e3",
		".inf",
		"=",
		"<<",
	};
	pm_strlist authors = authors_of("O'Brien: \"Bob\"", "#1 [admin], {x}");
	(void)state;
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		pm_template_values v = values_for(titles[i], &authors, "en");
		char *doc = fill(pm_builtin_template("en")->data, &v);
		pm_ynode *fm = front_matter(doc);
		const pm_ynode *a = pm_ymap_get(fm, "authors");
		pm_diags diags;
		assert_string_equal(value_of(fm, "title"), titles[i]);
		assert_int_equal(a->count, 2);
		assert_string_equal(a->children[0]->value, "O'Brien: \"Bob\"");
		assert_string_equal(a->children[1]->value, "#1 [admin], {x}");
		/* The value stays on its line: the document still has its shape. */
		assert_string_equal(value_of(fm, "status"), "draft");
		check_text(&diags, "postmortems/2026-11-20-x.md", doc);
		assert_int_equal(pm_diags_count(&diags, PM_ERROR), 0);
		pm_diags_clear(&diags);
		pm_ynode_free(fm);
		free(doc);
	}
	pm_strlist_clear(&authors);
}

/* Templates of a repository: their comments and other keys stay; the
 * values of new replace theirs, wherever and however they are written. */
static void test_custom_templates(void **state)
{
	pm_strlist authors = authors_of("Alice", "Bob");
	pm_template_values v = values_for("New title", &authors, "de");
	char *doc;
	pm_ynode *fm;
	(void)state;

	/* Block list, comments, other keys, an empty value, a block scalar. */
	doc = fill("---\n"
		   "# Team template\n"
		   "title: |\n"
		   "  Old\n"
		   "  title\n"
		   "\n"
		   "authors:   # who wrote it\n"
		   "  - Someone\n"
		   "  - Else\n"
		   "# after the list\n"
		   "team: payments   # ours\n"
		   "severity:\n"
		   "date: 2000-01-01 # the day\n"
		   "status: final\n"
		   "customer_impact: true\n"
		   "---\n"
		   "\n"
		   "## Summary\n",
		   &v);
	assert_string_equal(doc, "---\n"
				 "# Team template\n"
				 "title: New title\n"
				 "\n"
				 "authors: [Alice, Bob]\n"
				 "# after the list\n"
				 "team: payments   # ours\n"
				 "severity: SEV4\n"
				 "date: 2026-11-20 # the day\n"
				 "status: draft\n"
				 "customer_impact: true\n"
				 "data_breach: false\n"
				 "failure_categories: []\n"
				 "lang: de\n"
				 "---\n"
				 "\n"
				 "## Summary\n");
	free(doc);

	/* No front matter at all: one is written. */
	doc = fill("## Summary\n", &v);
	fm = front_matter(doc);
	assert_string_equal(value_of(fm, "title"), "New title");
	assert_string_equal(value_of(fm, "customer_impact"), "false");
	assert_non_null(strstr(doc, "\n---\n\n## Summary\n"));
	pm_ynode_free(fm);
	free(doc);

	/* An empty front matter, a BOM, CRLF line endings, "..." to close. */
	doc = fill("\xef\xbb\xbf---\r\n...\r\nbody\r\n", &v);
	assert_true(strncmp(doc, "---\r\ntitle: New title\r\ndate: 2026-11-20\r\n", 40) == 0);
	assert_non_null(strstr(doc, "lang: de\r\n...\r\nbody\r\n"));
	free(doc);

	/* Flow mappings and multi-line flow lists are replaced whole. */
	doc = fill("---\ntitle: {a: 1}\nauthors: [x,\n  y]\nlang: en\n---\n", &v);
	assert_string_equal(doc, "---\ntitle: New title\nauthors: [Alice, Bob]\nlang: de\n"
				 "date: 2026-11-20\nstatus: draft\nseverity: SEV4\ncustomer_impact: false\n"
				 "data_breach: false\nfailure_categories: []\n---\n");
	free(doc);

	/* What cannot be filled in. */
	expect_fill_error("---\ntitle: a\ntitle: b\n---\n", &v, "appears twice");
	expect_fill_error("---\n- a\n- b\n---\n", &v, "not a mapping");
	expect_fill_error("---\njust text\n---\n", &v, "not a mapping");
	expect_fill_error("---\ntitle: [unclosed\n---\n", &v, "not valid YAML");
	expect_fill_error("---\ntitle: x\n", &v, "never closed");
	expect_fill_error("---\ntitle: &t x\nother: *t\n---\n", &v, "aliases");
	v.date = "2026-02-30";
	expect_fill_error("---\n---\n", &v, "not a date");
	pm_strlist_clear(&authors);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_templates),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_custom_templates),
	};
	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
