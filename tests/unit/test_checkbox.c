/* Ticking a checkbox (src/core/checkbox.c): one byte, or a refusal. */
#include "helpers.h"

#include "postmortem/checkbox.h"

static const char *const PATH = "postmortems/2026-11-20-x.md";
static const char *const HEAD = "---\ntitle: T\ndate: 2026-11-20\n---\n## Action items\n";

typedef struct {
	pm_config cfg;
	char *text;
	pm_done_result res;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	pm_config_init(&f->cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	pm_done_result_free(&f->res);
	pm_config_free(&f->cfg);
	free(f->text);
	free(f);
	return 0;
}

/* Rewrites HEAD + items, item `number`. */
static pm_done_status rewrite(fixture *f, const char *items, int number, bool undo)
{
	free(f->text);
	pm_done_result_free(&f->res);
	f->text = malloc(strlen(HEAD) + strlen(items) + 1);
	strcpy(f->text, HEAD);
	strcat(f->text, items);
	return pm_done_rewrite(&f->res, f->text, strlen(f->text), &f->cfg, PATH, number, undo);
}

/* The result is the input with the byte before `after` (the first
 * occurrence of it in the input) set to c. */
static void expect_one_byte(fixture *f, const char *after, char c)
{
	size_t len = strlen(f->text);
	size_t off = (size_t)(strstr(f->text, after) - f->text) - 1;
	assert_non_null(f->res.out);
	assert_int_equal(f->res.offset, off);
	assert_int_equal(f->res.out[off], c);
	assert_memory_equal(f->res.out, f->text, off);
	assert_memory_equal(f->res.out + off + 1, f->text + off + 1, len - off - 1);
}

static void test_tick_and_undo(void **state)
{
	fixture *f = *state;
	assert_int_equal(rewrite(f, "- [ ] First\n  - owner: @a\n- [X] Second\n", 1, false), PM_DONE_CHANGED);
	expect_one_byte(f, "] First", 'x');
	assert_string_equal(f->res.title, "First");
	assert_int_equal(f->res.line, 6);
	assert_int_equal(rewrite(f, "- [ ] First\n  - owner: @a\n- [X] Second\n", 2, true), PM_DONE_CHANGED);
	expect_one_byte(f, "] Second", ' ');
	/* Already so: nothing to write. */
	assert_int_equal(rewrite(f, "- [ ] First\n- [X] Second\n", 1, true), PM_DONE_ALREADY);
	assert_null(f->res.out);
	assert_int_equal(rewrite(f, "- [ ] First\n- [X] Second\n", 2, false), PM_DONE_ALREADY);
	assert_string_equal(f->res.title, "Second");
}

static void test_crlf_bom_tabs(void **state)
{
	fixture *f = *state;
	static const char doc[] = "\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n## Action items\r\n"
				  "1. [ ] One\r\n-\t[ ]\tTwo\r\n";
	size_t len = sizeof(doc) - 1;
	assert_int_equal(pm_done_rewrite(&f->res, doc, len, &f->cfg, PATH, 2, false), PM_DONE_CHANGED);
	assert_int_equal(f->res.offset, (size_t)(strstr(doc, "]\tTwo") - doc) - 1);
	assert_int_equal(f->res.out[f->res.offset], 'x');
	assert_memory_equal(f->res.out, doc, f->res.offset);
	assert_memory_equal(f->res.out + f->res.offset + 1, doc + f->res.offset + 1, len - f->res.offset - 1);
}

static void test_refusals(void **state)
{
	fixture *f = *state;
	assert_int_equal(rewrite(f, "- [ ] One\n", 2, false), PM_DONE_NO_ITEM);
	assert_int_equal(f->res.nactions, 1);
	assert_int_equal(rewrite(f, "- No box\n", 1, false), PM_DONE_NO_BOX);
	assert_int_equal(f->res.line, 6);
	/* The text reads "[ ]", the bytes are not a box to flip. */
	assert_int_equal(rewrite(f, "- **[ ]** In markup\n", 1, false), PM_DONE_NO_PLACE);
	assert_int_equal(rewrite(f, "- [<b></b> ] Around HTML\n", 1, false), PM_DONE_NO_PLACE);
	assert_null(f->res.out);
}

/* Found by fuzz_done (seed link-named-x.md): "[x]" is a link when the
 * document defines one named x, so ticking the box turned the item into
 * one without a box, titled "x First". */
static void test_link_named_x(void **state)
{
	fixture *f = *state;
	assert_int_equal(rewrite(f, "- [ ] First\n- [ ] Second\n\n[x]: /url\n", 1, false), PM_DONE_MEANING);
	assert_null(f->res.out);
	assert_string_equal(f->res.title, "First");
	/* A definition named X too: labels match without case. */
	assert_int_equal(rewrite(f, "- [ ] First\n\n[X]: /url\n", 1, false), PM_DONE_MEANING);
	/* Undo is safe: "[ ]" is never a link. */
	assert_int_equal(rewrite(f, "- [x] First\n\n[y]: /url\n", 1, true), PM_DONE_CHANGED);
	/* Other names do not matter. */
	assert_int_equal(rewrite(f, "- [ ] First\n\n[y]: /url\n", 1, false), PM_DONE_CHANGED);
}

static void test_unreadable(void **state)
{
	fixture *f = *state;
	static const char nul[] = "---\ntitle: T\n---\n- [ ] a\0b\n";
	assert_int_equal(pm_done_rewrite(&f->res, nul, sizeof(nul) - 1, &f->cfg, PATH, 1, false),
			 PM_DONE_UNREADABLE);
	assert_non_null(strstr(f->res.why, "[file-invalid]"));
	pm_done_result_free(&f->res);
	assert_int_equal(pm_done_rewrite(&f->res, "no front matter\n", 16, &f->cfg, PATH, 1, false),
			 PM_DONE_UNREADABLE);
	assert_non_null(strstr(f->res.why, "[frontmatter-missing]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tick_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crlf_bom_tabs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_named_x, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
