#include <jansson.h>
#include <stdio.h>

#include "postmortem/out.h"

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
