#include "postmortem/diag.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/text.h"
#include "postmortem/util.h"

static const struct {
	const char *name;
	pm_severity severity;
} rules[PM_RULE_COUNT] = {
	[PM_RULE_FILE_INVALID] = {"file-invalid", PM_ERROR},
	[PM_RULE_FRONTMATTER_MISSING] = {"frontmatter-missing", PM_ERROR},
	[PM_RULE_FRONTMATTER_UNTERMINATED] = {"frontmatter-unterminated", PM_ERROR},
	[PM_RULE_FRONTMATTER_INVALID] = {"frontmatter-invalid", PM_ERROR},
	[PM_RULE_FRONTMATTER_DUPLICATE_KEY] = {"frontmatter-duplicate-key", PM_ERROR},
	[PM_RULE_FIELD_MISSING] = {"field-missing", PM_ERROR},
	[PM_RULE_FIELD_INVALID] = {"field-invalid", PM_ERROR},
	[PM_RULE_SECTION_MISSING] = {"section-missing", PM_ERROR},
	[PM_RULE_SECTION_DUPLICATE] = {"section-duplicate", PM_ERROR},
	[PM_RULE_SECTION_EMPTY] = {"section-empty", PM_ERROR},
	[PM_RULE_CATEGORY_UNKNOWN] = {"category-unknown", PM_ERROR},
	[PM_RULE_CATEGORY_MISSING] = {"category-missing", PM_ERROR},
	[PM_RULE_CATEGORY_UNLISTED] = {"category-unlisted", PM_ERROR},
	[PM_RULE_TIMELINE_TIME_INVALID] = {"timeline-time-invalid", PM_WARNING},
	[PM_RULE_TIMELINE_ORDER] = {"timeline-order", PM_ERROR},
	[PM_RULE_ACTION_CHECKBOX_MISSING] = {"action-checkbox-missing", PM_ERROR},
	[PM_RULE_ACTION_OWNER_MISSING] = {"action-owner-missing", PM_ERROR},
	[PM_RULE_ACTION_DUE_MISSING] = {"action-due-missing", PM_ERROR},
	[PM_RULE_ACTION_DUE_INVALID] = {"action-due-invalid", PM_ERROR},
	[PM_RULE_ACTION_TYPE_UNKNOWN] = {"action-type-unknown", PM_ERROR},
	[PM_RULE_ACTION_FIELD_UNKNOWN] = {"action-field-unknown", PM_WARNING},
	[PM_RULE_ACTORS_MISSING] = {"actors-missing", PM_WARNING},
	[PM_RULE_ID_DUPLICATE] = {"id-duplicate", PM_ERROR},
	[PM_RULE_RELATED_UNKNOWN] = {"related-unknown", PM_ERROR},
	[PM_RULE_FILENAME_DATE_MISMATCH] = {"filename-date-mismatch", PM_WARNING},
};

const char *pm_rule_name(pm_rule rule)
{
	return rule < PM_RULE_COUNT ? rules[rule].name : "unknown";
}

pm_severity pm_rule_severity(pm_rule rule)
{
	return rule < PM_RULE_COUNT ? rules[rule].severity : PM_ERROR;
}

const char *pm_severity_name(pm_severity severity)
{
	return severity == PM_ERROR ? "error" : "warning";
}

/* The characters that reorder or hide what a terminal shows: the bidi
 * embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069;
 * "Trojan Source"), the line and paragraph separators, the invisible
 * ones (zero width space, word joiner, invisible operators, the
 * deprecated format characters, U+180E, the BOM) and the tag characters
 * that smuggle ASCII unseen (U+E0000..U+E007F). The marks of
 * right-to-left text (LRM, RLM, ALM), the joiners (ZWJ, ZWNJ) and the
 * soft hyphen stay: real text needs them. */
static bool hidden_format_char(unsigned cp)
{
	return cp == 0x180e || cp == 0x200b || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	       cp == 0xfeff || (cp >= 0xe0000 && cp <= 0xe007f);
}

static unsigned decode(const unsigned char *u, size_t n)
{
	if (n == 2)
		return ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
	if (n == 3)
		return ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
	return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) | ((u[2] & 0x3fu) << 6) | (u[3] & 0x3fu);
}

static char *sanitize(const char *text, size_t len, bool hidden_too)
{
	pm_buf buf = {0};
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t n;
		unsigned cp;
		if (c >= 0x20 && c < 0x7f) {
			pm_buf_addc(&buf, (char)c);
			i++;
			continue;
		}
		n = pm_utf8_char_len(text + i, len - i);
		if (n == 0 || c < 0x20 || c == 0x7f) {
			pm_buf_printf(&buf, "\\x%02x", c);
			i++;
			continue;
		}
		/* (pm_utf8_char_len has refused overlong forms and surrogates.) */
		cp = decode((const unsigned char *)text + i, n);
		if ((cp >= 0x80 && cp < 0xa0) || (hidden_too && hidden_format_char(cp))) {
			pm_buf_printf(&buf, cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
			i += n;
			continue;
		}
		pm_buf_add(&buf, text + i, n);
		i += n;
	}
	return pm_buf_detach(&buf);
}

char *pm_sanitize(const char *text, size_t len)
{
	return sanitize(text, len, true);
}

char *pm_sanitize_controls(const char *text, size_t len)
{
	return sanitize(text, len, false);
}

void pm_diags_vadd(pm_diags *diags, const char *path, int line, int column,
		   pm_severity severity, pm_rule rule, const char *fmt, va_list ap)
{
	pm_buf msg = {0};
	pm_diag *d;
	pm_buf_vprintf(&msg, fmt, ap);
	pm_grow(&diags->items, &diags->cap, diags->count + 1, sizeof(*diags->items));
	d = &diags->items[diags->count++];
	/* A path keeps what names the file (for JSON and GitHub's
	 * annotations); text output hides nothing when it prints it. */
	d->path = pm_sanitize_controls(path, strlen(path));
	d->line = line > 0 ? line : 1;
	d->column = column > 0 ? column : 1;
	d->severity = severity;
	d->rule = rule;
	d->message = pm_sanitize(msg.data ? msg.data : "", msg.len);
	pm_buf_free(&msg);
}

void pm_diags_add(pm_diags *diags, const char *path, int line, int column,
		  pm_severity severity, pm_rule rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_diags_vadd(diags, path, line, column, severity, rule, fmt, ap);
	va_end(ap);
}

void pm_diags_move(pm_diags *dst, pm_diags *src)
{
	pm_grow(&dst->items, &dst->cap, dst->count + src->count, sizeof(*dst->items));
	if (src->count)
		memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	free(src->items);
	src->items = NULL;
	src->count = src->cap = 0;
}

static int compare_place(const pm_diag *a, const pm_diag *b)
{
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

void pm_diags_sort(pm_diags *diags)
{
	/* Insertion into runs would do, but a merge sort keeps equal places in
	 * the order the rules found them, which reads naturally. */
	size_t n = diags->count;
	pm_diag *tmp;
	if (n < 2)
		return;
	tmp = pm_xmalloc(n * sizeof(*tmp));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = compare_place(&diags->items[j], &diags->items[i]) < 0
						   ? diags->items[j++]
						   : diags->items[i++];
			while (i < mid)
				tmp[k++] = diags->items[i++];
			while (j < hi)
				tmp[k++] = diags->items[j++];
		}
		memcpy(diags->items, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}

size_t pm_diags_count(const pm_diags *diags, pm_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].severity == severity)
			n++;
	return n;
}

void pm_diags_clear(pm_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		free(diags->items[i].path);
		free(diags->items[i].message);
	}
	free(diags->items);
	diags->items = NULL;
	diags->count = diags->cap = 0;
}
