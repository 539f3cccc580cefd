#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/out.h"
#include "postmortem/text.h"

/* Writes root, then a newline, and frees it. JSON may leave DEL and the
 * C1 controls (U+0080..U+009F) raw, but a terminal may act on them
 * (U+009B starts a control sequence, as ESC [ does): they are written as
 * \u escapes, which every JSON reader reads as the same text. Outside
 * strings, JSON text is ASCII, so such bytes are always inside one. */
static int dump(FILE *out, json_t *root)
{
	char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	const unsigned char *p, *run;
	json_decref(root);
	if (!text)
		return -1;
	for (p = run = (const unsigned char *)text; *p;) {
		bool c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0;
		if (!c1 && *p != 0x7f) {
			p++;
			continue;
		}
		fwrite(run, 1, (size_t)(p - run), out);
		/* Upper case, as jansson writes its own escapes. */
		fprintf(out, "\\u%04X", c1 ? p[1] : 0x7f);
		p += c1 ? 2 : 1;
		run = p;
	}
	fwrite(run, 1, (size_t)(p - run), out);
	fputc('\n', out);
	free(text);
	return ferror(out) ? -1 : 0;
}

int pm_write_diags_json(FILE *out, const pm_diags *diags, size_t files)
{
	json_t *list = json_array();
	json_t *root;
	for (size_t i = 0; i < diags->count; i++) {
		const pm_diag *d = &diags->items[i];
		/* Paths and messages are sanitised UTF-8 (pm_sanitize). */
		json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}", "path", d->path, "line",
						      d->line, "column", d->column, "severity",
						      pm_severity_name(d->severity), "rule", pm_rule_name(d->rule),
						      "message", d->message));
	}
	root = json_pack("{s:I, s:I, s:I, s:o}", "files", (json_int_t)files, "errors",
			 (json_int_t)pm_diags_count(diags, PM_ERROR), "warnings",
			 (json_int_t)pm_diags_count(diags, PM_WARNING), "diagnostics", list);
	return dump(out, root);
}

char *pm_text_utf8(const char *s)
{
	size_t bad;
	if (pm_utf8_valid(s, strlen(s), &bad))
		return pm_xstrdup(s);
	/* A file name in a git tree may hold any bytes. */
	return pm_sanitize(s, strlen(s));
}

/* A string, or null for an absent value. */
static json_t *string_or_null(const char *s)
{
	char *text;
	json_t *value;
	if (!s)
		return json_null();
	text = pm_text_utf8(s);
	value = json_string(text);
	free(text);
	return value;
}


int pm_write_items_json(FILE *out, const pm_item *items, size_t count)
{
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++) {
		const pm_item *it = &items[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", string_or_null(it->id));
		json_object_set_new(o, "document", string_or_null(it->document));
		json_object_set_new(o, "path", string_or_null(it->path));
		json_object_set_new(o, "line", json_integer(it->line));
		json_object_set_new(o, "title", string_or_null(it->title));
		json_object_set_new(o, "status", json_string(it->done ? "done" : "open"));
		json_object_set_new(o, "owner", string_or_null(it->owner));
		json_object_set_new(o, "due", string_or_null(it->due));
		json_object_set_new(o, "type", string_or_null(it->type));
		json_object_set_new(o, "ticket", string_or_null(it->ticket));
		json_object_set_new(o, "overdue", json_boolean(it->overdue));
		json_object_set_new(o, "severity", string_or_null(it->severity));
		json_object_set_new(o, "date", string_or_null(it->date));
		json_array_append_new(list, o);
	}
	return dump(out, list);
}

int pm_write_docs_json(FILE *out, const pm_docrow *rows, size_t count)
{
	json_t *list = json_array();
	for (size_t i = 0; i < count; i++) {
		const pm_docrow *d = &rows[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", string_or_null(d->id));
		json_object_set_new(o, "path", string_or_null(d->path));
		json_object_set_new(o, "date", string_or_null(d->date));
		json_object_set_new(o, "severity", string_or_null(d->severity));
		json_object_set_new(o, "status", string_or_null(d->status));
		json_object_set_new(o, "title", string_or_null(d->title));
		json_object_set_new(o, "open", json_integer((json_int_t)d->open));
		json_object_set_new(o, "overdue", json_integer((json_int_t)d->overdue));
		json_object_set_new(o, "done", json_integer((json_int_t)d->done));
		json_array_append_new(list, o);
	}
	return dump(out, list);
}
