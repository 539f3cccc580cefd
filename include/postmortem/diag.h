/* Diagnostics: every problem found in a document, with its place.
 *
 * The core fills a pm_diags list and never prints; commands choose a
 * writer (src/out) to show it. */
#ifndef POSTMORTEM_DIAG_H
#define POSTMORTEM_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { PM_ERROR, PM_WARNING } pm_severity;

/* The rules of contract section 4, in its order. */
typedef enum {
	PM_RULE_FILE_INVALID,
	PM_RULE_FRONTMATTER_MISSING,
	PM_RULE_FRONTMATTER_UNTERMINATED,
	PM_RULE_FRONTMATTER_INVALID,
	PM_RULE_FRONTMATTER_DUPLICATE_KEY,
	PM_RULE_FIELD_MISSING,
	PM_RULE_FIELD_INVALID,
	PM_RULE_SECTION_MISSING,
	PM_RULE_SECTION_DUPLICATE,
	PM_RULE_SECTION_EMPTY,
	PM_RULE_CATEGORY_UNKNOWN,
	PM_RULE_CATEGORY_MISSING,
	PM_RULE_CATEGORY_UNLISTED,
	PM_RULE_TIMELINE_TIME_INVALID,
	PM_RULE_TIMELINE_ORDER,
	PM_RULE_ACTION_CHECKBOX_MISSING,
	PM_RULE_ACTION_OWNER_MISSING,
	PM_RULE_ACTION_DUE_MISSING,
	PM_RULE_ACTION_DUE_INVALID,
	PM_RULE_ACTION_TYPE_UNKNOWN,
	PM_RULE_ACTION_FIELD_UNKNOWN,
	PM_RULE_ACTORS_MISSING,
	PM_RULE_ID_DUPLICATE,
	PM_RULE_RELATED_UNKNOWN,
	PM_RULE_FILENAME_DATE_MISMATCH,
	PM_RULE_COUNT
} pm_rule;

const char *pm_rule_name(pm_rule rule);
/* The severity a rule has outside drafts. */
pm_severity pm_rule_severity(pm_rule rule);
const char *pm_severity_name(pm_severity severity);

typedef struct {
	char *path;    /* valid UTF-8, control characters escaped */
	int line;      /* 1-based */
	int column;    /* 1-based, in bytes */
	pm_severity severity;
	pm_rule rule;
	char *message; /* valid UTF-8, control characters escaped */
} pm_diag;

typedef struct {
	pm_diag *items;
	size_t count;
	size_t cap;
} pm_diags;

/* Adds a diagnostic; the path and the formatted message are copied and
 * made safe for any terminal and any JSON reader. */
void pm_diags_add(pm_diags *diags, const char *path, int line, int column,
		  pm_severity severity, pm_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void pm_diags_vadd(pm_diags *diags, const char *path, int line, int column,
		   pm_severity severity, pm_rule rule, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));
/* Moves every diagnostic of src to the end of dst, leaving src empty. */
void pm_diags_move(pm_diags *dst, pm_diags *src);
/* Sorts by path, line, column (stable for equal places). */
void pm_diags_sort(pm_diags *diags);
size_t pm_diags_count(const pm_diags *diags, pm_severity severity);
void pm_diags_clear(pm_diags *diags);

/* Copies text as valid UTF-8 with C0 controls, DEL and invalid bytes
 * shown as \xNN, C1 controls, bidi overrides and invisible characters as
 * \uNNNN, so nothing raw reaches a terminal. */
char *pm_sanitize(const char *text, size_t len);
/* The same but for bidi overrides and invisible characters, which stay:
 * for a path that must still name its file. */
char *pm_sanitize_controls(const char *text, size_t len);

#endif
