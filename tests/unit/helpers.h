/* Shared by the unit tests: run real document text through the core. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/check.h"
#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/doc.h"
#include "postmortem/rules.h"

/* A complete, valid, final document; tests replace parts of it. */
static const char *const VALID_DOC =
	"---\n"
	"title: Database failover left replicas stale\n"
	"date: 2026-11-20\n"
	"status: final\n"
	"severity: SEV2\n"
	"customer_impact: false\n"
	"data_breach: false\n"
	"authors: [Alice]\n"
	"failure_categories: [technical]\n"
	"---\n"
	"\n"
	"## Summary\n"
	"\n"
	"The primary failed over and replicas fell behind.\n"
	"\n"
	"## Impact\n"
	"\n"
	"Reads were stale for 40 minutes.\n"
	"\n"
	"## Timeline\n"
	"\n"
	"- 09:02 Disk fills on the primary\n"
	"- 09:14 Alert fires\n"
	"\n"
	"## Failures\n"
	"\n"
	"### Technical lapses\n"
	"\n"
	"No alert on replica lag.\n"
	"\n"
	"## Action items\n"
	"\n"
	"- [ ] Alert on replica lag above 30 s\n"
	"  - owner: @alice\n"
	"  - due: 2026-12-01\n";

/* Replaces the first occurrence of `from` in VALID_DOC (or base) with `to`. */
static inline char *replace(const char *base, const char *from, const char *to)
{
	const char *at = strstr(base, from);
	size_t n;
	char *out;
	if (!at)
		fail_msg("fixture text not found: %s", from);
	n = strlen(base) - strlen(from) + strlen(to);
	out = malloc(n + 1);
	memcpy(out, base, (size_t)(at - base));
	strcpy(out + (at - base), to);
	strcat(out, at + strlen(from));
	return out;
}

/* Checks text as postmortems/<name> with the default configuration. */
static inline void check_text(pm_diags *diags, const char *name, const char *text)
{
	pm_config cfg;
	pm_idset ids = {0};
	pm_config_init(&cfg);
	pm_idset_add(&ids, name);
	pm_idset_add(&ids, "postmortems/2026-11-01-other.md");
	pm_idset_finish(&ids);
	memset(diags, 0, sizeof(*diags));
	pm_check_buffer(&cfg, name, text, strlen(text), &ids, diags);
	pm_diags_sort(diags);
	pm_idset_clear(&ids);
	pm_config_free(&cfg);
}

static inline size_t count_rule(const pm_diags *diags, pm_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule == rule)
			n++;
	return n;
}

/* The nth (from 0) diagnostic of a rule, or fails the test. */
static inline const pm_diag *find_rule(const pm_diags *diags, pm_rule rule, size_t nth)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule == rule && nth-- == 0)
			return &diags->items[i];
	fail_msg("no diagnostic %s", pm_rule_name(rule));
	return NULL;
}

static inline void dump(const pm_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++)
		print_message("  %d:%d %s %s [%s]\n", diags->items[i].line, diags->items[i].column,
			      pm_severity_name(diags->items[i].severity), diags->items[i].message,
			      pm_rule_name(diags->items[i].rule));
}

/* Asserts the text yields exactly `expected` diagnostics in all. */
#define assert_diag_count(diags, expected)                                                         \
	do {                                                                                       \
		if ((diags)->count != (expected))                                                  \
			dump(diags);                                                               \
		assert_int_equal((diags)->count, (expected));                                     \
	} while (0)

#endif
