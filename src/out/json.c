#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/out.h"
#include "postmortem/text.h"

int pm_write_diags_json(FILE *out, const pm_diags *diags, size_t files)
{
	json_t *list = json_array();
	json_t *root;
	int rc;
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
	if (!root)
		return -1;
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	fputc('\n', out);
	return rc || ferror(out) ? -1 : 0;
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

static int dump_array(FILE *out, json_t *list)
{
	int rc = json_dumpf(list, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(list);
	fputc('\n', out);
	return rc || ferror(out) ? -1 : 0;
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
	return dump_array(out, list);
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
	return dump_array(out, list);
}
