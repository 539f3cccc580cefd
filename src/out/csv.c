/* RFC 4180 CSV of rollups: a header row, CRLF line ends. */
#include <stdlib.h>
#include <string.h>

#include "postmortem/diag.h"
#include "postmortem/out.h"

/* s with control characters escaped (\x1b) as in the table, but for
 * tabs and line breaks, which a quoted field holds: CSV is read on
 * terminals too, where a title's escape sequence would act. JSON is the
 * format that carries the exact text. */
static char *csv_text(const char *s)
{
	pm_buf out = {0};
	while (*s) {
		size_t n = strcspn(s, "\t\r\n");
		char *safe = pm_sanitize(s, n);
		pm_buf_adds(&out, safe);
		free(safe);
		s += n;
		if (*s)
			pm_buf_addc(&out, *s++);
	}
	return pm_buf_detach(&out);
}

void pm_csv_field(pm_buf *buf, const char *s)
{
	char *text = csv_text(s ? s : "");
	if (!strpbrk(text, "\",\r\n")) {
		pm_buf_adds(buf, text);
	} else {
		pm_buf_addc(buf, '"');
		for (const char *p = text; *p; p++) {
			if (*p == '"')
				pm_buf_addc(buf, '"');
			pm_buf_addc(buf, *p);
		}
		pm_buf_addc(buf, '"');
	}
	free(text);
}

/* One record: n fields, NULL for an empty one. */
static void record(pm_buf *buf, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			pm_buf_addc(buf, ',');
		pm_csv_field(buf, fields[i]);
	}
	pm_buf_adds(buf, "\r\n");
}

static int flush(FILE *out, pm_buf *buf)
{
	if (buf->len)
		fwrite(buf->data, 1, buf->len, out);
	pm_buf_free(buf);
	return ferror(out) ? -1 : 0;
}

int pm_write_items_csv(FILE *out, const pm_item *items, size_t count)
{
	static const char *const header[] = {"id",   "document", "path",    "line",     "title", "status", "owner",
					      "due",  "type",     "ticket",  "overdue", "severity", "date"};
	pm_buf buf = {0};
	record(&buf, header, 13);
	for (size_t i = 0; i < count; i++) {
		const pm_item *it = &items[i];
		char line[24];
		const char *fields[] = {it->id,   it->document, it->path,   line,
					it->title, it->done ? "done" : "open", it->owner, it->due,
					it->type, it->ticket, it->overdue ? "true" : "false", it->severity,
					it->date};
		snprintf(line, sizeof(line), "%d", it->line);
		record(&buf, fields, 13);
	}
	return flush(out, &buf);
}

int pm_write_docs_csv(FILE *out, const pm_docrow *rows, size_t count)
{
	static const char *const header[] = {"id", "path", "date", "severity", "status", "title", "open", "overdue", "done"};
	pm_buf buf = {0};
	record(&buf, header, 9);
	for (size_t i = 0; i < count; i++) {
		const pm_docrow *d = &rows[i];
		char open[24], overdue[24], done[24];
		const char *fields[] = {d->id, d->path, d->date, d->severity, d->status, d->title, open, overdue, done};
		snprintf(open, sizeof(open), "%zu", d->open);
		snprintf(overdue, sizeof(overdue), "%zu", d->overdue);
		snprintf(done, sizeof(done), "%zu", d->done);
		record(&buf, fields, 9);
	}
	return flush(out, &buf);
}
