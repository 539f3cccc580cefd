/* The rollup: items from documents, filters, order, groups, and the text
 * helpers of its writers (widths, CSV and Markdown escaping). */
#include "helpers.h"

#include "postmortem/out.h"
#include "postmortem/rollup.h"

static const pm_date TODAY = {2026, 11, 23};

/* An item as the rollup makes it; NULL leaves a field absent. */
static pm_item item(const char *doc, int n, const char *owner, const char *due, bool done)
{
	pm_item it;
	memset(&it, 0, sizeof(it));
	it.document = pm_xstrdup(doc);
	it.path = pm_xasprintf("postmortems/%s.md", doc);
	it.number = n;
	it.id = pm_xasprintf("%s#%d", doc, n);
	it.title = pm_xstrdup("Title");
	it.owner = owner ? pm_xstrdup(owner) : NULL;
	it.due = due ? pm_xstrdup(due) : NULL;
	it.has_due = due && pm_date_parse(due, strlen(due), &it.due_date);
	it.done = done;
	it.overdue = !done && it.has_due && pm_date_compare(it.due_date, TODAY) < 0;
	return it;
}

static void add(pm_rollup *r, pm_item it)
{
	pm_grow(&r->items, &r->cap, r->count + 1, sizeof(*r->items));
	r->items[r->count++] = it;
}

static void assert_ids(const pm_rollup *r, const char *const *ids, size_t n)
{
	assert_int_equal(r->count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->items[i].id, ids[i]);
}

static void test_owner_matching(void **state)
{
	(void)state;
	assert_true(pm_owner_matches("@alice", "alice"));
	assert_true(pm_owner_matches("@alice", "@alice"));
	assert_true(pm_owner_matches("alice", "@ALICE"));
	assert_true(pm_owner_matches("@Alice", "aLiCe"));
	/* Unicode case folding, not only ASCII. */
	assert_true(pm_owner_matches("@Ölaf", "ölaf"));
	assert_true(pm_owner_matches("@ÉLODIE", "@élodie"));
	assert_false(pm_owner_matches("@alice", "alic"));
	assert_false(pm_owner_matches("@alice2", "alice"));
	assert_false(pm_owner_matches(NULL, "alice"));
	assert_false(pm_owner_matches("@", "@"));
	assert_false(pm_owner_matches("", ""));
}

static void test_filters(void **state)
{
	pm_item_filter f;
	pm_item open_alice = item("2026-11-20-a", 1, "@alice", "2026-11-01", false);
	pm_item done_bob = item("2026-11-20-a", 2, "bob", "2026-11-01", true);
	pm_item open_nodue = item("2026-11-20-a", 3, NULL, NULL, false);
	(void)state;
	open_alice.type = pm_xstrdup("bug");
	open_alice.severity = pm_xstrdup("SEV1");
	memset(&f, 0, sizeof(f));

	/* Default: open items. */
	assert_true(pm_item_matches(&open_alice, &f));
	assert_false(pm_item_matches(&done_bob, &f));
	assert_true(pm_item_matches(&open_nodue, &f));
	f.status = PM_WANT_DONE;
	assert_false(pm_item_matches(&open_alice, &f));
	assert_true(pm_item_matches(&done_bob, &f));
	f.status = PM_WANT_ALL;
	assert_true(pm_item_matches(&done_bob, &f));

	pm_strlist_add(&f.owners, "ALICE");
	assert_true(pm_item_matches(&open_alice, &f));
	assert_false(pm_item_matches(&done_bob, &f));
	assert_false(pm_item_matches(&open_nodue, &f));
	/* Repeated: any of them. */
	pm_strlist_add(&f.owners, "@bob");
	assert_true(pm_item_matches(&done_bob, &f));
	pm_strlist_clear(&f.owners);

	pm_strlist_add(&f.types, "BUG");
	assert_true(pm_item_matches(&open_alice, &f));
	assert_false(pm_item_matches(&open_nodue, &f));
	pm_strlist_clear(&f.types);
	pm_strlist_add(&f.severities, "sev1");
	assert_true(pm_item_matches(&open_alice, &f));
	assert_false(pm_item_matches(&done_bob, &f));
	pm_strlist_clear(&f.severities);

	/* Overdue: open and due before today; a done item never is. */
	f.overdue = true;
	assert_true(pm_item_matches(&open_alice, &f));
	assert_false(pm_item_matches(&done_bob, &f));
	assert_false(pm_item_matches(&open_nodue, &f));
	f.overdue = false;

	/* Due before a day: strictly before; no due date never matches. */
	f.has_due_before = true;
	f.due_before = (pm_date){2026, 11, 1};
	assert_false(pm_item_matches(&open_alice, &f));
	f.due_before = (pm_date){2026, 11, 2};
	assert_true(pm_item_matches(&open_alice, &f));
	assert_true(pm_item_matches(&done_bob, &f));
	assert_false(pm_item_matches(&open_nodue, &f));

	{
		pm_rollup r = {0};
		static const char *const kept[] = {"2026-11-20-a#1", "2026-11-20-a#2"};
		add(&r, open_alice);
		add(&r, done_bob);
		add(&r, open_nodue);
		pm_rollup_filter(&r, &f);
		assert_ids(&r, kept, 2);
		pm_rollup_free(&r);
	}
}

static void test_order(void **state)
{
	pm_rollup r = {0};
	static const char *const by_due[] = {"2026-01-01-b#2", "2026-11-20-a#2", "2026-11-20-a#10",
					     "2026-01-01-b#1", "2026-11-20-a#1", "2026-11-20-a#3"};
	(void)state;
	add(&r, item("2026-11-20-a", 1, "@bob", NULL, false));
	add(&r, item("2026-11-20-a", 10, "@Alice", "2026-12-01", false));
	add(&r, item("2026-11-20-a", 2, "alice", "2026-12-01", false));
	add(&r, item("2026-01-01-b", 2, NULL, "2026-11-30", false));
	add(&r, item("2026-11-20-a", 3, "@carol", "not a date", false));
	add(&r, item("2026-01-01-b", 1, "@bob", NULL, false));

	/* Due date (none, or an invalid one, last), then id: #2 before #10. */
	pm_items_sort(r.items, r.count, PM_GROUP_NONE);
	assert_ids(&r, by_due, 6);
	assert_true(pm_items_same_group(&r.items[0], &r.items[5], PM_GROUP_NONE));

	/* By owner: '@' and case do not split a group; no owner last. */
	{
		static const char *const by_owner[] = {"2026-11-20-a#2", "2026-11-20-a#10", "2026-01-01-b#1",
						       "2026-11-20-a#1", "2026-11-20-a#3", "2026-01-01-b#2"};
		pm_items_sort(r.items, r.count, PM_GROUP_OWNER);
		assert_ids(&r, by_owner, 6);
		assert_true(pm_items_same_group(&r.items[0], &r.items[1], PM_GROUP_OWNER));
		assert_false(pm_items_same_group(&r.items[1], &r.items[2], PM_GROUP_OWNER));
		assert_true(pm_items_same_group(&r.items[2], &r.items[3], PM_GROUP_OWNER));
		assert_false(pm_items_same_group(&r.items[4], &r.items[5], PM_GROUP_OWNER));
	}
	/* By document id, then as always. */
	{
		static const char *const by_doc[] = {"2026-01-01-b#2", "2026-01-01-b#1", "2026-11-20-a#2",
						     "2026-11-20-a#10", "2026-11-20-a#1", "2026-11-20-a#3"};
		pm_items_sort(r.items, r.count, PM_GROUP_POSTMORTEM);
		assert_ids(&r, by_doc, 6);
		assert_false(pm_items_same_group(&r.items[1], &r.items[2], PM_GROUP_POSTMORTEM));
	}
	pm_rollup_free(&r);
}

static pm_docrow docrow(const char *id, const char *date, const char *status)
{
	pm_docrow d;
	memset(&d, 0, sizeof(d));
	d.id = pm_xstrdup(id);
	d.path = pm_xasprintf("postmortems/%s.md", id);
	d.date = date ? pm_xstrdup(date) : NULL;
	d.has_date = date && pm_date_parse(date, strlen(date), &d.date_value);
	d.status = status ? pm_xstrdup(status) : NULL;
	return d;
}

static void test_documents(void **state)
{
	pm_rollup r = {0};
	pm_strlist want = {0};
	static const char *const order[] = {"c", "a", "b", "d", "e"};
	(void)state;
	r.docs = pm_xcalloc(5, sizeof(*r.docs));
	r.docs_cap = 5;
	r.docs[r.ndocs++] = docrow("d", NULL, "final");
	r.docs[r.ndocs++] = docrow("b", "2026-01-05", "draft");
	r.docs[r.ndocs++] = docrow("e", "someday", NULL);
	r.docs[r.ndocs++] = docrow("c", "2026-11-20", "FINAL");
	r.docs[r.ndocs++] = docrow("a", "2026-01-05", "review");
	/* Newest first, ties by id, no (valid) date last. */
	pm_docrows_sort(r.docs, r.ndocs);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(r.docs[i].id, order[i]);
	pm_strlist_add(&want, "final");
	pm_docrows_filter(&r, &want);
	assert_int_equal(r.ndocs, 2);
	assert_string_equal(r.docs[0].id, "c");
	assert_string_equal(r.docs[1].id, "d");
	pm_strlist_clear(&want);
	pm_rollup_free(&r);
}

/* Items and the document row from real document text. */
static void test_from_document(void **state)
{
	static const char *const items =
		"- [ ] Alert on replica lag above 30 s\n  - owner:\n  - Owner: @alice\n  - owner: @bob\n"
		"  - due: 2026-11-22\n  - type: bug\n  - ticket: OPS-1\n"
		"- [x] Write the runbook\n  - owner: @bob\n  - due: 2026-11-01\n"
		"- No checkbox here\n  - owner: @carol\n  - due: 2026-12-01\n"
		"- [ ] Due date in words\n  - owner: @dana\n  - due: next sprint\n";
	char *text = replace(VALID_DOC,
			     "- [ ] Alert on replica lag above 30 s\n  - owner: @alice\n  - due: 2026-12-01\n", items);
	pm_config cfg;
	pm_diags d = {0};
	pm_doc doc;
	pm_rollup r = {0};
	(void)state;
	pm_config_init(&cfg);
	pm_doc_parse(&doc, &cfg, "postmortems/2026-11-20-x.md", text, strlen(text), &d);
	pm_rollup_add_doc(&r, &doc, TODAY);
	assert_int_equal(r.count, 4);
	assert_string_equal(r.items[0].id, "2026-11-20-x#1");
	assert_string_equal(r.items[0].document, "2026-11-20-x");
	assert_string_equal(r.items[0].path, "postmortems/2026-11-20-x.md");
	assert_int_equal(r.items[0].line, 33);
	/* The first non-empty field counts. */
	assert_string_equal(r.items[0].owner, "@alice");
	assert_string_equal(r.items[0].type, "bug");
	assert_string_equal(r.items[0].ticket, "OPS-1");
	assert_true(r.items[0].overdue);
	assert_string_equal(r.items[0].severity, "SEV2");
	assert_string_equal(r.items[0].date, "2026-11-20");
	assert_string_equal(r.items[0].doc_title, "Database failover left replicas stale");
	/* Done items are never overdue. */
	assert_true(r.items[1].done);
	assert_false(r.items[1].overdue);
	assert_null(r.items[1].type);
	/* No checkbox: open. */
	assert_false(r.items[2].done);
	assert_false(r.items[2].overdue);
	/* A due date that is no date: kept as written, never overdue. */
	assert_string_equal(r.items[3].due, "next sprint");
	assert_false(r.items[3].has_due);
	assert_false(r.items[3].overdue);

	assert_int_equal(r.ndocs, 1);
	assert_string_equal(r.docs[0].id, "2026-11-20-x");
	assert_string_equal(r.docs[0].status, "final");
	assert_int_equal(r.docs[0].open, 3);
	assert_int_equal(r.docs[0].overdue, 1);
	assert_int_equal(r.docs[0].done, 1);
	pm_rollup_free(&r);
	pm_doc_free(&doc);
	pm_diags_clear(&d);
	pm_config_free(&cfg);
	free(text);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(pm_text_width(""), 0);
	assert_int_equal(pm_text_width("abc"), 3);
	assert_int_equal(pm_text_width("für"), 3);
	/* CJK counts double. */
	assert_int_equal(pm_text_width("対応項目"), 8);
	assert_int_equal(pm_text_width("CI 障害"), 7);
	/* A combining mark takes no column. */
	assert_int_equal(pm_text_width("e\xcc\x81"), 1);
	/* A bad byte counts one. */
	assert_int_equal(pm_text_width("a\xff"), 2);
}

static void assert_cut(const char *text, size_t width, const char *want)
{
	char *got = pm_text_cut(text, width);
	assert_string_equal(got, want);
	assert_true(pm_text_width(got) <= width);
	free(got);
}

static void test_cutting(void **state)
{
	(void)state;
	assert_cut("Short", 10, "Short");
	assert_cut("Exactly ten", 11, "Exactly ten");
	assert_cut("Page on replication lag", 10, "Page on r…");
	/* Never half a character: a wide one that does not fit is left out. */
	assert_cut("ディスク使用率", 6, "ディ…");
	assert_cut("ディスク使用率", 7, "ディス…");
	assert_cut("äöü-äöü", 4, "äöü…");
	/* A combining mark stays with its letter. */
	assert_cut("e\xcc\x81t\xc3\xa9 long", 3, "e\xcc\x81t…");
	assert_cut("abc", 1, "…");
	assert_cut("abc", 0, "");
}

static char *csv(const char *s)
{
	pm_buf b = {0};
	pm_csv_field(&b, s);
	return pm_buf_detach(&b);
}

static void assert_csv(const char *in, const char *want)
{
	char *got = csv(in);
	assert_string_equal(got, want);
	free(got);
}

static void test_csv_fields(void **state)
{
	(void)state;
	assert_csv("plain text", "plain text");
	assert_csv("", "");
	assert_csv(NULL, "");
	assert_csv("a,b", "\"a,b\"");
	assert_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	assert_csv("two\r\nlines", "\"two\r\nlines\"");
	assert_csv("line\nbreak", "\"line\nbreak\"");
	assert_csv("'quotes' and ; are plain", "'quotes' and ; are plain");
	/* Never anything but UTF-8. */
	assert_csv("bad \xff byte", "bad \\xff byte");
	/* Nor raw terminal controls (C0, C1), but tabs and line breaks stay. */
	assert_csv("esc \x1b[31m bel \x07 c1 \xc2\x85", "esc \\x1b[31m bel \\x07 c1 \\u0085");
	assert_csv("tab\there", "tab\there");
	/* Nor a terminal's control sequence; tabs and line breaks stay. */
	assert_csv("\x1b]0;pwned\x07 \x1b[31mred\tC1 \xc2\x9b" "1m", "\\x1b]0;pwned\\x07 \\x1b[31mred\tC1 \\u009b1m");
}

static void assert_md(const char *in, const char *want)
{
	pm_buf b = {0};
	pm_md_escape(&b, in);
	assert_string_equal(b.data ? b.data : "", want);
	pm_buf_free(&b);
}

static void test_markdown_escaping(void **state)
{
	(void)state;
	assert_md("Plain words, digits 42.", "Plain words, digits 42.");
	assert_md("a | b", "a \\| b");
	assert_md("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`");
	assert_md("[link](http://x) <b>&amp;", "\\[link\\](http://x) \\<b\\>\\&amp;");
	assert_md("~~gone~~ $x$ back\\slash", "\\~\\~gone\\~\\~ \\$x\\$ back\\\\slash");
	/* No terminal escapes, no line breaks in a cell. */
	assert_md("esc \x1b[31m red\nnext", "esc \\\\x1b\\[31m red\\\\x0anext");
	assert_md("ticket #12", "ticket #12");
}

/* What a writer puts out, as a string. */
static char *render_table(const pm_rollup *r, size_t width)
{
	char *data = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&data, &len);
	assert_int_equal(pm_write_items_table(out, r->items, r->count, PM_GROUP_NONE, width, false), 0);
	fclose(out);
	return data;
}

static void test_table_fits(void **state)
{
	pm_rollup r = {0};
	pm_item long_title = item("2026-11-20-a", 1, "@alice", "2026-12-01", false);
	char *text, *line, *save = NULL;
	(void)state;
	free(long_title.title);
	long_title.title = pm_xstrdup("A very long title that goes on and on, far beyond any terminal, 終わり");
	long_title.type = pm_xstrdup("change-request");
	add(&r, long_title);
	add(&r, item("2026-11-20-a", 2, "@bob", "2026-11-01", false));

	text = render_table(&r, 80);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		assert_true(pm_text_width(line) <= 80);
	free(text);

	/* Narrow: TYPE makes way for the title. */
	text = render_table(&r, 60);
	assert_null(strstr(text, "TYPE"));
	assert_non_null(strstr(text, "overdue"));
	free(text);

	/* No limit (a file): nothing is cut. */
	text = render_table(&r, 0);
	assert_non_null(strstr(text, "終わり"));
	assert_non_null(strstr(text, "change-request"));
	assert_non_null(strstr(text, "2 action items: 2 open, 1 overdue, 0 done"));
	free(text);
	pm_rollup_free(&r);
}

static void test_hostile_cells(void **state)
{
	pm_rollup r = {0};
	pm_item wide = item("2026-11-20-a", 1, NULL, "2026-12-01", false);
	char *text, *line, *save = NULL, *data = NULL;
	size_t len = 0;
	FILE *out;
	pm_buf owner = {0};
	(void)state;
	/* One owner 10,000 columns wide: on a terminal, cut to its width
	 * rather than padded into every row. */
	pm_buf_adds(&owner, "@");
	for (int i = 0; i < 10000; i++)
		pm_buf_addc(&owner, 'o');
	wide.owner = pm_buf_detach(&owner);
	add(&r, wide);
	for (int i = 2; i < 200; i++)
		add(&r, item("2026-11-20-a", i, "@bob", "2026-12-01", false));
	text = render_table(&r, 80);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		assert_true(pm_text_width(line) <= 2 * 80);
	free(text);
	/* In a file, nothing is cut. */
	text = render_table(&r, 0);
	assert_non_null(strstr(text, r.items[0].owner));
	free(text);

	/* JSON: C1 controls and DEL as \u escapes, the rest as it is. */
	free(r.items[1].title);
	r.items[1].title = pm_xstrdup("CSI \xc2\x9b" "31m, DEL \x7f, ESC \x1b, \xc3\xa9 and \xc2\xa0");
	out = open_memstream(&data, &len);
	assert_int_equal(pm_write_items_json(out, r.items, 2), 0);
	fclose(out);
	assert_non_null(strstr(data, "\"CSI \\u009B31m, DEL \\u007F, ESC \\u001B, \xc3\xa9 and \xc2\xa0\""));
	free(data);
	pm_rollup_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_matching), cmocka_unit_test(test_filters),
		cmocka_unit_test(test_order),          cmocka_unit_test(test_documents),
		cmocka_unit_test(test_from_document),  cmocka_unit_test(test_widths),
		cmocka_unit_test(test_cutting),        cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_markdown_escaping), cmocka_unit_test(test_table_fits),
		cmocka_unit_test(test_hostile_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
