/* The built-in section and failure-category titles in six languages.
 *
 * One table serves the validator (headings match any title of any
 * language) and the templates (the first title of each language is the
 * one a template writes). */
#ifndef POSTMORTEM_TITLES_H
#define POSTMORTEM_TITLES_H

#include <stddef.h>

#define PM_LANG_COUNT 6
extern const char *const pm_builtin_langs[PM_LANG_COUNT]; /* en de fr it es ja */

typedef enum { PM_REQ_NO, PM_REQ_ALWAYS, PM_REQ_FULL, PM_REQ_NOT_DRAFT } pm_required;

typedef struct {
	const char *key;
	pm_required required;
	/* Per language, in pm_builtin_langs order: titles separated by "; ". */
	const char *titles[PM_LANG_COUNT];
} pm_builtin_heading;

extern const pm_builtin_heading pm_builtin_sections[];
extern const size_t pm_builtin_section_count;
extern const pm_builtin_heading pm_builtin_categories[];
extern const size_t pm_builtin_category_count;

#endif
