/* Aligned columns for a terminal, for `actions` and `list`. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "postmortem/out.h"

size_t pm_text_width(const char *s)
{
	size_t width = 0, len = strlen(s), i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			width++;
			i++;
			continue;
		}
		width += (size_t)utf8proc_charwidth(cp);
		i += (size_t)n;
	}
	return width;
}

char *pm_text_cut(const char *s, size_t width)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, one column */
	size_t len = strlen(s), i = 0, used = 0;
	pm_buf out = {0};
	if (pm_text_width(s) <= width)
		return pm_xstrdup(s);
	/* Whole characters while they fit beside the ellipsis; marks of zero
	 * width stay with the character before them. */
	while (width > 0 && i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		size_t w = n > 0 ? (size_t)utf8proc_charwidth(cp) : 1;
		size_t bytes = n > 0 ? (size_t)n : 1;
		if (used + w > width - 1)
			break;
		pm_buf_add(&out, s + i, bytes);
		used += w;
		i += bytes;
	}
	if (width > 0)
		pm_buf_adds(&out, ellipsis);
	return pm_buf_detach(&out);
}

/* ---- a grid of cells ---- */

#define MAX_COLUMNS 8
#define MIN_LAST_COLUMN 16
/* Below this, an optional column makes way for the title. */
#define COMFORT_LAST_COLUMN 32
#define GAP 2

static const char BOLD[] = "\033[1m";
static const char RED[] = "\033[31m";
static const char DIM[] = "\033[2m";
static const char RESET[] = "\033[0m";

typedef struct {
	size_t ncols;
	const char *const *headers;
	const bool *numeric; /* right-aligned */
	int optional;        /* a column left out on a narrow terminal, or -1 */
	bool hidden;         /* that column is left out */
	pm_strlist cells;    /* row after row, sanitised */
	const char **colors; /* per row: an escape, or NULL */
	size_t nrows;
	size_t widths[MAX_COLUMNS];
	bool color;
} grid;

static void grid_add(grid *g, const char *const *values, const char *color)
{
	for (size_t c = 0; c < g->ncols; c++) {
		const char *v = values[c] && *values[c] ? values[c] : "-";
		/* Titles and owners come from documents: no escapes reach the
		 * terminal. */
		pm_strlist_add_owned(&g->cells, pm_sanitize(v, strlen(v)));
	}
	g->colors = pm_xrealloc(g->colors, (g->nrows + 1) * sizeof(*g->colors));
	g->colors[g->nrows++] = color;
}

static const char *cell(const grid *g, size_t row, size_t col)
{
	return g->cells.items[row * g->ncols + col];
}

/* Every column as wide as its widest cell; the last one (a title) takes
 * what the terminal has left, and is cut to it. On a terminal no other
 * column is wider than the terminal either: one owner a megabyte long
 * would otherwise pad every row of the table to a megabyte. */
static void grid_layout(grid *g, size_t width)
{
	size_t used = 0, last = g->ncols - 1, room;
	for (size_t c = 0; c < g->ncols; c++) {
		g->widths[c] = pm_text_width(g->headers[c]);
		for (size_t r = 0; r < g->nrows; r++) {
			size_t w = pm_text_width(cell(g, r, c));
			if (w > g->widths[c])
				g->widths[c] = w;
		}
		if (c < last && width > 0 && g->widths[c] > width)
			g->widths[c] = width;
		if (c < last)
			used += g->widths[c] + GAP;
	}
	if (width == 0)
		return;
	room = width > used ? width - used : 0;
	if (g->optional >= 0 && room < g->widths[last] && room < COMFORT_LAST_COLUMN) {
		g->hidden = true;
		used -= g->widths[g->optional] + GAP;
	}
	if (width > used && width - used >= MIN_LAST_COLUMN) {
		if (g->widths[last] > width - used)
			g->widths[last] = width - used;
	} else if (g->widths[last] > MIN_LAST_COLUMN) {
		g->widths[last] = MIN_LAST_COLUMN;
	}
}

static void put_cell(FILE *out, const grid *g, const char *text, size_t col)
{
	bool last = col + 1 == g->ncols;
	char *shown;
	size_t pad;
	if (g->hidden && (int)col == g->optional)
		return;
	shown = pm_text_cut(text, g->widths[col]);
	pad = g->widths[col] - pm_text_width(shown);
	if (g->numeric[col])
		fprintf(out, "%*s", (int)pad, "");
	fputs(shown, out);
	/* No trailing blanks after the last column. */
	if (!g->numeric[col] && !last)
		fprintf(out, "%*s", (int)pad, "");
	if (!last)
		fprintf(out, "%*s", GAP, "");
	free(shown);
}

static void grid_header(FILE *out, const grid *g)
{
	if (g->color)
		fputs(BOLD, out);
	for (size_t c = 0; c < g->ncols; c++)
		put_cell(out, g, g->headers[c], c);
	if (g->color)
		fputs(RESET, out);
	fputc('\n', out);
}

static void grid_row(FILE *out, const grid *g, size_t r)
{
	const char *color = g->color ? g->colors[r] : NULL;
	if (color)
		fputs(color, out);
	for (size_t c = 0; c < g->ncols; c++)
		put_cell(out, g, cell(g, r, c), c);
	if (color)
		fputs(RESET, out);
	fputc('\n', out);
}

static void grid_free(grid *g)
{
	pm_strlist_clear(&g->cells);
	free(g->colors);
}

/* A group's heading line, sanitised and cut to the width. */
static void heading(FILE *out, const char *text, size_t width, bool color)
{
	char *safe = pm_sanitize(text, strlen(text));
	char *shown = width ? pm_text_cut(safe, width) : pm_xstrdup(safe);
	fprintf(out, "%s%s%s\n", color ? BOLD : "", shown, color ? RESET : "");
	free(shown);
	free(safe);
}

static char *group_title(const pm_item *it, pm_group_by group)
{
	if (group == PM_GROUP_OWNER)
		return pm_xstrdup(it->owner ? it->owner : "(no owner)");
	if (it->doc_title)
		return pm_xasprintf("%s: %s", it->document, it->doc_title);
	return pm_xstrdup(it->document);
}

static const char *item_status(const pm_item *it)
{
	return it->done ? "done" : it->overdue ? "overdue" : "open";
}

int pm_write_items_table(FILE *out, const pm_item *items, size_t count, pm_group_by group, size_t width,
			 bool color)
{
	static const char *const headers[] = {"ID", "STATUS", "DUE", "OWNER", "TYPE", "TITLE"};
	static const bool numeric[] = {false, false, false, false, false, false};
	/* TYPE is the column a narrow terminal can best do without. */
	grid g = {6, headers, numeric, 4, false, {0}, NULL, 0, {0}, color};
	size_t open = 0, overdue = 0, done = 0;
	for (size_t i = 0; i < count; i++) {
		const pm_item *it = &items[i];
		const char *values[] = {it->id, item_status(it), it->due, it->owner, it->type, it->title};
		grid_add(&g, values, it->overdue ? RED : it->done ? DIM : NULL);
		done += it->done;
		open += !it->done;
		overdue += it->overdue;
	}
	grid_layout(&g, width);
	for (size_t i = 0; i < count; i++) {
		bool starts_group = i == 0 || !pm_items_same_group(&items[i - 1], &items[i], group);
		if (group != PM_GROUP_NONE && starts_group) {
			char *title = group_title(&items[i], group);
			if (i > 0)
				fputc('\n', out);
			heading(out, title, width, color);
			free(title);
		}
		if (starts_group)
			grid_header(out, &g);
		grid_row(out, &g, i);
	}
	if (count)
		fputc('\n', out);
	fprintf(out, "%zu action items: %zu open, %zu overdue, %zu done\n", count, open, overdue, done);
	grid_free(&g);
	return ferror(out) ? -1 : 0;
}

int pm_write_docs_table(FILE *out, const pm_docrow *rows, size_t count, size_t width, bool color)
{
	static const char *const headers[] = {"ID", "DATE", "SEVERITY", "STATUS", "OPEN", "OVERDUE", "TITLE"};
	static const bool numeric[] = {false, false, false, false, true, true, false};
	grid g = {7, headers, numeric, -1, false, {0}, NULL, 0, {0}, color};
	size_t open = 0, overdue = 0;
	for (size_t i = 0; i < count; i++) {
		const pm_docrow *d = &rows[i];
		char nopen[24], noverdue[24];
		const char *values[] = {d->id, d->date, d->severity, d->status, nopen, noverdue, d->title};
		snprintf(nopen, sizeof(nopen), "%zu", d->open);
		snprintf(noverdue, sizeof(noverdue), "%zu", d->overdue);
		grid_add(&g, values, d->overdue ? RED : NULL);
		open += d->open;
		overdue += d->overdue;
	}
	grid_layout(&g, width);
	if (count)
		grid_header(out, &g);
	for (size_t i = 0; i < count; i++)
		grid_row(out, &g, i);
	if (count)
		fputc('\n', out);
	fprintf(out, "%zu documents: %zu open action items, %zu overdue\n", count, open, overdue);
	grid_free(&g);
	return ferror(out) ? -1 : 0;
}
