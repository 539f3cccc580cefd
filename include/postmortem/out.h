/* Writers: diagnostics and rollups in every output format.
 *
 * Each returns 0, or -1 when the stream failed (a full disk, a closed
 * pipe): the command turns that into exit status 2. */
#ifndef POSTMORTEM_OUT_H
#define POSTMORTEM_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "postmortem/diag.h"
#include "postmortem/ptime.h"
#include "postmortem/rollup.h"
#include "postmortem/util.h"

/* path:line:col: severity: message [rule], then "N files, E errors, W warnings". */
int pm_write_diags_text(FILE *out, const pm_diags *diags, size_t files, bool color);
/* {"files": N, "errors": E, "warnings": W, "diagnostics": [...]} */
int pm_write_diags_json(FILE *out, const pm_diags *diags, size_t files);
/* ::error file=PATH,line=L,col=C,title=RULE::MESSAGE */
int pm_write_diags_github(FILE *out, const pm_diags *diags, size_t files);

/* ---- rollups: action items (`actions`) ---- */

/* Aligned columns for a terminal: ID, STATUS (open, overdue, done), DUE,
 * OWNER, TYPE, TITLE, then a count. width is the terminal's (0: no
 * limit): long titles are cut to fit. Text is sanitised; with colour,
 * overdue rows are red and done ones dim. */
int pm_write_items_table(FILE *out, const pm_item *items, size_t count, pm_group_by group, size_t width,
			 bool color);
/* A GitHub/GitLab table after a generated-file comment; with groups, a
 * level-2 heading and a table each. Overdue items are marked only when
 * today is given, so that the file changes only when the documents do. */
int pm_write_items_markdown(FILE *out, const pm_item *items, size_t count, pm_group_by group,
			    const pm_date *today);
/* [{"id", "document", "path", "line", "title", "status", "owner", "due",
 *   "type", "ticket", "overdue", "severity", "date"}] */
int pm_write_items_json(FILE *out, const pm_item *items, size_t count);
/* RFC 4180: a header row, the same fields as JSON, CRLF line ends. */
int pm_write_items_csv(FILE *out, const pm_item *items, size_t count);

/* ---- rollups: documents (`list`) ---- */

/* ID, DATE, SEVERITY, STATUS, OPEN, OVERDUE, TITLE, then the totals. */
int pm_write_docs_table(FILE *out, const pm_docrow *rows, size_t count, size_t width, bool color);
/* [{"id", "path", "date", "severity", "status", "title", "open", "overdue", "done"}] */
int pm_write_docs_json(FILE *out, const pm_docrow *rows, size_t count);
int pm_write_docs_csv(FILE *out, const pm_docrow *rows, size_t count);

/* ---- text helpers of the writers ---- */

/* The columns s takes on a terminal: East Asian wide characters count 2,
 * combining marks 0 (utf8proc_charwidth); a bad byte counts 1. */
size_t pm_text_width(const char *s);
/* s cut on a character boundary to at most `width` columns, ending in
 * "…" when cut (malloc'd). */
char *pm_text_cut(const char *s, size_t width);
/* s when it is valid UTF-8, else pm_sanitize(s) (malloc'd): for JSON and
 * CSV, which keep the text as it is but must stay UTF-8. */
char *pm_text_utf8(const char *s);
/* Appends s as one CSV field: quoted when it holds '"', ',', CR or LF. */
void pm_csv_field(pm_buf *buf, const char *s);
/* Appends s so that GFM shows it literally in a table cell: backslash
 * escapes for '|' and the characters of inline syntax. */
void pm_md_escape(pm_buf *buf, const char *s);

#endif
