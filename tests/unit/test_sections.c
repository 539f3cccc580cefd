/* Sections and failure categories: headings in six languages, anchors,
 * emptiness (src/core/doc.c and the section rules). */
#include "helpers.h"

static const char *const FM =
	"---\n"
	"title: x\n"
	"date: 2026-11-20\n"
	"status: final\n"
	"severity: SEV2\n"
	"customer_impact: false\n"
	"data_breach: false\n"
	"authors: [A]\n"
	"failure_categories: [technical]\n"
	"---\n";

/* Checks FM + body. */
static void check_body(pm_diags *d, const char *body)
{
	char *text = malloc(strlen(FM) + strlen(body) + 1);
	strcpy(text, FM);
	strcat(text, body);
	check_text(d, "postmortems/2026-11-20-x.md", text);
	free(text);
}

static void test_languages_and_anchors(void **state)
{
	static const char *const bodies[] = {
		/* German with anchors, as localized documentation writes them. */
		"## <a name=\"summary\"></a>Zusammenfassung\nx\n## <a name=\"impact\"></a>Auswirkungen\nx\n"
		"## <a name=\"timeline\"></a>Zeitleiste\n- 09:00 x\n## <a name=\"failures\"></a>Fehler\n"
		"### <a name=\"technical\"></a>Technische Fehler\nx\n## <a name=\"action-items\"></a>Maßnahmen\n"
		"- [x] x\n  - owner: a\n",
		/* German titles alone, in capitals. */
		"## ZUSAMMENFASSUNG\nx\n## Auswirkungen\nx\n## Zeitablauf\n- 09:00 x\n## Fehlerursachen\n"
		"### Technische Fehler\nx\n## MASSNAHMEN\n- [x] x\n  - owner: a\n",
		"## Résumé\nx\n## Impact\nx\n## Chronologie\n- 09:00 x\n## Défaillances\n### Échecs techniques\nx\n"
		"## Plan d’action\n- [x] x\n  - owner: a\n",
		"## Riepilogo\nx\n## Impatto\nx\n## Cronologia\n- 09:00 x\n## Errori\n### Insuccessi tecnici\nx\n"
		"## Azioni correttive\n- [x] x\n  - owner: a\n",
		"## Resumen\nx\n## Impacto\nx\n## Cronología\n- 09:00 x\n## Fallas\n### Fallas técnicas\nx\n"
		"## Acciones correctivas\n- [x] x\n  - owner: a\n",
		"## 概要\nx\n## 影響\nx\n## 経緯\n- 09:00 x\n## 問題点\n### 技術的な不備\nx\n## アクションアイテム\n"
		"- [x] x\n  - owner: a\n",
		/* Markup, setext headings, anchors with id=, odd spacing. */
		"## **Summary**\nx\n\nImpact\n------\nx\n## <a id='TIMELINE'></a> Time line\n- 09:00 x\n"
		"##   Contributing   factors  \n### *Technical* lapses\nx\n## Action `items`\n- [x] x\n  - owner: a\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		pm_diags d;
		check_body(&d, bodies[i]);
		if (d.count)
			print_message("body %zu:\n", i);
		assert_diag_count(&d, 0);
		pm_diags_clear(&d);
	}
}

static void test_missing_and_duplicate(void **state)
{
	pm_diags d;
	(void)state;
	/* An anchor naming no key falls back to the text; a level-1 heading
	 * ends a section; free sections are allowed. */
	check_body(&d, "# Incident\n## <a name=\"nothing\"></a>Summary\nx\n## Impact\nx\n## Timeline\n- 09:00 x\n"
		       "## Notes of the team\nfree\n## Failures\n### Technical lapses\nx\n## Action items\n- [x] x\n"
		       "  - owner: a\n## Summary\nagain\n# End\n");
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_SECTION_DUPLICATE);
	assert_int_equal(d.items[0].line, 26);
	pm_diags_clear(&d);

	check_body(&d, "## Summary\nx\n## Timeline\n- 09:00 x\n## Failures\n### Technical lapses\nx\n");
	assert_diag_count(&d, 2);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_MISSING, 0)->line, 1);
	assert_non_null(strstr(find_rule(&d, PM_RULE_SECTION_MISSING, 0)->message, "Impact"));
	assert_non_null(strstr(find_rule(&d, PM_RULE_SECTION_MISSING, 1)->message, "Action items"));
	pm_diags_clear(&d);
}

static void test_empty_sections(void **state)
{
	pm_diags d;
	(void)state;
	check_body(&d, "## Summary\n<!-- what happened -->\n\n<!-- more -->\n## Impact\n- [ ]\n- \n\n---\n"
		       "[ref]: http://example.com\n#### Sub heading\n## Timeline\n- 09:00 x\n"
		       "## Failures\n### Technical lapses\nx\n## Action items\n- [x] x\n  - owner: a\n");
	assert_int_equal(count_rule(&d, PM_RULE_SECTION_EMPTY), 2);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_EMPTY, 0)->line, 11);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_EMPTY, 1)->line, 15);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_EMPTY, 0)->severity, PM_ERROR);
	assert_diag_count(&d, 2);
	pm_diags_clear(&d);

	/* Content: a code block, a quote, HTML other than a comment, an item. */
	check_body(&d, "## Summary\n```\nlog line\n```\n## Impact\n> quoted\n## Timeline\n- 09:00 x\n"
		       "## Failures\n### Technical lapses\n<div>x</div>\n\n## Action items\n- [x] x\n  - owner: a\n");
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);

	/* Content without text: an image, inline HTML; anchors inside
	 * emphasis and unquoted. */
	check_body(&d, "## Summary\n![](graph.png)\n## Impact\n<span></span>\n## *<a name=\"timeline\"></a>Verlauf*\n"
		       "- 09:00 x\n## <a name=failures>Ursachen\n### Technical lapses\nx\n## Action items\n- [x] x\n"
		       "  - owner: a\n");
	assert_diag_count(&d, 0);
	pm_diags_clear(&d);

	/* Empty: a blank code block, an empty quote. */
	check_body(&d, "## Summary\n```\n\n```\n## Impact\n>\n## Timeline\n- 09:00 x\n"
		       "## Failures\n### Technical lapses\nx\n## Action items\n- [x] x\n  - owner: a\n");
	assert_int_equal(count_rule(&d, PM_RULE_SECTION_EMPTY), 2);
	assert_diag_count(&d, 2);
	pm_diags_clear(&d);
}

static void test_categories(void **state)
{
	pm_diags d;
	(void)state;
	/* unlisted, unknown, duplicate, and a listed one with an empty subsection */
	check_body(&d, "## Summary\nx\n## Impact\nx\n## Timeline\n- 09:00 x\n## Failures\n"
		       "### Technical lapses\n<!-- todo -->\n### Manual errors\nx\n### Cosmic rays\nx\n"
		       "### <a name=\"manual\"></a>Handfehler\nx\n## Action items\n- [x] x\n  - owner: a\n");
	assert_int_equal(find_rule(&d, PM_RULE_CATEGORY_MISSING, 0)->line, 18);
	assert_int_equal(find_rule(&d, PM_RULE_CATEGORY_UNLISTED, 0)->line, 20);
	assert_int_equal(find_rule(&d, PM_RULE_CATEGORY_UNKNOWN, 0)->line, 22);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_DUPLICATE, 0)->line, 24);
	assert_diag_count(&d, 4);
	pm_diags_clear(&d);

	/* Listed without a subsection: reported at the list item. */
	check_body(&d, "## Summary\nx\n## Impact\nx\n## Timeline\n- 09:00 x\n## Failures\nSome text.\n"
		       "## Action items\n- [x] x\n  - owner: a\n");
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_CATEGORY_MISSING);
	assert_int_equal(d.items[0].line, 9);
	assert_int_equal(d.items[0].column, 22);
	pm_diags_clear(&d);

	/* One cause, one diagnostic: no Failures section at all. */
	check_body(&d, "## Summary\nx\n## Impact\nx\n## Timeline\n- 09:00 x\n## Action items\n- [x] x\n  - owner: a\n");
	assert_diag_count(&d, 1);
	assert_int_equal(d.items[0].rule, PM_RULE_SECTION_MISSING);
	pm_diags_clear(&d);
}

static void test_messages_in_the_documents_language(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "authors: [Alice]", "authors: [Alice]\nlang: de-CH");
	char *t2 = replace(t, "## Impact\n\nReads were stale for 40 minutes.\n", "");
	(void)state;
	check_text(&d, "postmortems/2026-11-20-x.md", t2);
	assert_diag_count(&d, 1);
	assert_string_equal(d.items[0].message,
			    "required section 'Auswirkungen' is missing (## <a name=\"impact\"></a>Auswirkungen)");
	pm_diags_clear(&d);
	free(t);
	free(t2);
}

static void test_full_postmortem(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "customer_impact: false", "customer_impact: true");
	(void)state;
	check_text(&d, "postmortems/2026-11-20-x.md", t);
	assert_int_equal(count_rule(&d, PM_RULE_SECTION_MISSING), 2);
	assert_non_null(strstr(find_rule(&d, PM_RULE_SECTION_MISSING, 0)->message, "Technical summary"));
	assert_non_null(strstr(find_rule(&d, PM_RULE_SECTION_MISSING, 1)->message, "Response evaluation"));
	assert_diag_count(&d, 2);
	pm_diags_clear(&d);
	free(t);
}

static void test_draft(void **state)
{
	pm_diags d;
	char *t = replace(VALID_DOC, "status: final", "status: draft");
	char *t2 = replace(t, "failure_categories: [technical]\n", "");
	char *t3 = replace(t2, "### Technical lapses\n\nNo alert on replica lag.\n", "### Manual errors\n");
	char *t4 = replace(t3, "The primary failed over and replicas fell behind.\n", "<!-- later -->\n");
	(void)state;
	/* Empty sections are warnings; categories unlisted are not reported
	 * when the list is absent; Failures is not required. */
	check_text(&d, "postmortems/2026-11-20-x.md", t4);
	assert_int_equal(find_rule(&d, PM_RULE_SECTION_EMPTY, 0)->severity, PM_WARNING);
	assert_diag_count(&d, 1);
	pm_diags_clear(&d);
	free(t);
	free(t2);
	free(t3);
	free(t4);

	t = replace(VALID_DOC, "status: final", "status: draft");
	t2 = replace(t, "failure_categories: [technical]", "failure_categories: [technical, manual]");
	t3 = replace(t2, "### Technical lapses\n\nNo alert on replica lag.\n", "### Process flaws\nx\n");
	check_text(&d, "postmortems/2026-11-20-x.md", t3);
	assert_int_equal(count_rule(&d, PM_RULE_CATEGORY_MISSING), 2);
	assert_int_equal(count_rule(&d, PM_RULE_CATEGORY_UNLISTED), 1);
	for (size_t i = 0; i < d.count; i++)
		assert_int_equal(d.items[i].severity, PM_WARNING);
	assert_diag_count(&d, 3);
	pm_diags_clear(&d);
	free(t);
	free(t2);
	free(t3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_languages_and_anchors),
		cmocka_unit_test(test_missing_and_duplicate),
		cmocka_unit_test(test_empty_sections),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_full_postmortem),
		cmocka_unit_test(test_messages_in_the_documents_language),
		cmocka_unit_test(test_draft),
	};
	return cmocka_run_group_tests_name("sections", tests, NULL, NULL);
}
