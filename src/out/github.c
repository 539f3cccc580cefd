#include <stdio.h>

#include "postmortem/out.h"

/* GitHub's workflow commands read %, CR and LF as escapes in the message,
 * and also ',' and ':' in properties. */
static void escaped(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

int pm_write_diags_github(FILE *out, const pm_diags *diags, size_t files)
{
	(void)files;
	for (size_t i = 0; i < diags->count; i++) {
		const pm_diag *d = &diags->items[i];
		fprintf(out, "::%s file=", pm_severity_name(d->severity));
		escaped(out, d->path, true);
		fprintf(out, ",line=%d,col=%d,title=%s::", d->line, d->column, pm_rule_name(d->rule));
		escaped(out, d->message, false);
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
