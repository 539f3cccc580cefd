#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/out.h"

int pm_write_diags_text(FILE *out, const pm_diags *diags, size_t files, bool color)
{
	/* gcc's colours: bold place, red errors, magenta warnings. */
	const char *bold = color ? "\033[1m" : "";
	const char *reset = color ? "\033[0m" : "";
	const char *dim = color ? "\033[2m" : "";
	for (size_t i = 0; i < diags->count; i++) {
		const pm_diag *d = &diags->items[i];
		const char *sev_color = !color ? "" : d->severity == PM_ERROR ? "\033[1;31m" : "\033[1;35m";
		char *path = pm_sanitize(d->path, strlen(d->path));
		fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s %s[%s]%s\n", bold, path, d->line, d->column, reset,
			sev_color, pm_severity_name(d->severity), reset, d->message, dim, pm_rule_name(d->rule),
			reset);
		free(path);
	}
	fprintf(out, "%zu files, %zu errors, %zu warnings\n", files, pm_diags_count(diags, PM_ERROR),
		pm_diags_count(diags, PM_WARNING));
	return ferror(out) ? -1 : 0;
}
