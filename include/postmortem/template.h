/* Templates: the built-in ones compiled into the program, and filling a
 * template's front matter in with the values of a new document. */
#ifndef POSTMORTEM_TEMPLATE_H
#define POSTMORTEM_TEMPLATE_H

#include <stddef.h>

#include "postmortem/util.h"

/* A file of templates/ compiled in by tools/embed.sh ("en.md",
 * "readme/de.md"): the program needs no data files at run time. */
typedef struct {
	const char *name;
	const char *data; /* NUL-terminated */
	size_t len;
} pm_embedded_file;

extern const pm_embedded_file pm_embedded_files[];
extern const size_t pm_embedded_file_count;

/* The embedded file with this name, or NULL. */
const pm_embedded_file *pm_embedded_find(const char *name);
/* The built-in template of a language ("en" ... "ja"), or NULL. */
const pm_embedded_file *pm_builtin_template(const char *lang);

/* The README that init writes into the folder, in the language of lang
 * (its primary subtag), else in English. Never NULL. */
const pm_embedded_file *pm_embedded_readme(const char *lang);

/* A template found for a language. */
typedef struct {
	char *text; /* NUL-terminated */
	size_t len;
	char *origin; /* the repository's file (from the root), or "built-in LANG" */
} pm_template;

/* Finds the template of lang: DIR/templates/LANG.md in the work tree at
 * root (root may be NULL), then the built-in one; for a tag with a region
 * (fr-CA), the same again for its language (fr). Tags are compared in
 * lower case. Returns 0; 1 when there is none; or -1 with *why (malloc'd)
 * when the repository's template cannot be used (unreadable, not UTF-8
 * text). */
int pm_template_find(pm_template *out, const char *root, const char *dir, const char *lang, char **why);
void pm_template_free(pm_template *t);

/* Every language with a template, built in or in DIR/templates/, sorted,
 * each once. */
void pm_template_langs(pm_strlist *out, const char *root, const char *dir);

/* A string as one line of YAML that reads back as exactly that string,
 * written by libyaml's emitter: plain when that is safe (a value starting
 * with a letter, not a YAML keyword such as true or null), quoted
 * otherwise; line breaks and control characters are escaped. NULL when s
 * is not valid UTF-8. */
char *pm_yaml_scalar(const char *s);
/* The same for a list, in flow style: [a, "b: c"]. */
char *pm_yaml_flow_list(const pm_strlist *items);

/* What new writes into a template's front matter. */
typedef struct {
	const char *title;
	const char *date; /* YYYY-MM-DD */
	const char *status;
	const char *severity;
	const char *lang;
	const pm_strlist *authors;
} pm_template_values;

/* Fills the front matter of a template in. The values of title, date,
 * status, severity, authors and lang replace the template's (its
 * comments and other keys stay as they are); customer_impact: false,
 * data_breach: false and failure_categories: [] are added when the
 * template lacks them, and a template without front matter gets one.
 * The result is parsed again to make sure every value reads back as
 * given. Returns 0 with *out (malloc'd) and *out_len, or -1 with *why
 * (malloc'd): a front matter that is not a YAML mapping, never closed,
 * over 64 KiB, or with a key twice. */
int pm_template_fill(char **out, size_t *out_len, const char *tmpl, size_t len,
		     const pm_template_values *values, char **why);

#endif
