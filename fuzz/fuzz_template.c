/* libFuzzer: any bytes as a title (up to the first NUL) and a template
 * (after it). The slug is always a clean file name; a template that is
 * filled in gives a front matter whose title reads back as given and
 * that the validator does not reject as YAML. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/check.h"
#include "postmortem/slug.h"
#include "postmortem/template.h"
#include "postmortem/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_slug(const char *slug)
{
	size_t n = strlen(slug);
	if (n == 0 || n > PM_SLUG_MAX || slug[0] == '-' || slug[n - 1] == '-' || strstr(slug, "--"))
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *bytes = (const char *)data;
	const char *nul = memchr(bytes, '\0', size);
	size_t title_len = nul ? (size_t)(nul - bytes) : size;
	char *title = malloc(title_len + 1);
	const char *tmpl = nul ? nul + 1 : "";
	size_t tmpl_len = nul ? size - title_len - 1 : 0;
	char *slug, *out = NULL, *why = NULL;
	size_t out_len = 0;
	pm_strlist authors = {0};
	pm_template_values v;

	memcpy(title, bytes, title_len);
	title[title_len] = '\0';
	slug = pm_slug(title, title_len);
	check_slug(slug);
	free(slug);

	if (pm_utf8_valid(title, title_len, NULL) && !pm_is_blank(title, title_len)) {
		pm_strlist_add(&authors, title);
		v.title = title;
		v.date = "2026-11-20";
		v.status = "draft";
		v.severity = "SEV4";
		v.lang = "en";
		v.authors = &authors;
		/* The built-in template with any title; any template with a fixed one. */
		if (pm_template_fill(&out, &out_len, pm_builtin_template("en")->data,
				     pm_builtin_template("en")->len, &v, &why) != 0)
			__builtin_trap();
		free(out);
		out = NULL;
		v.title = "Title";
		if (memchr(tmpl, '\0', tmpl_len) == NULL &&
		    pm_template_fill(&out, &out_len, tmpl, tmpl_len, &v, &why) == 0) {
			pm_config cfg;
			pm_diags diags = {0};
			pm_config_init(&cfg);
			pm_check_buffer(&cfg, "x.md", out, out_len, NULL, &diags);
			for (size_t i = 0; i < diags.count; i++)
				if (diags.items[i].rule == PM_RULE_FRONTMATTER_INVALID ||
				    diags.items[i].rule == PM_RULE_FRONTMATTER_MISSING ||
				    diags.items[i].rule == PM_RULE_FRONTMATTER_DUPLICATE_KEY)
					__builtin_trap();
			pm_diags_clear(&diags);
			pm_config_free(&cfg);
		}
	}
	free(out);
	free(why);
	pm_strlist_clear(&authors);
	free(title);
	return 0;
}
