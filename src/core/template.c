#include "postmortem/template.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include <yaml.h>

#include "postmortem/doc.h"
#include "postmortem/path.h"
#include "postmortem/ptime.h"
#include "postmortem/rules.h"
#include "postmortem/source.h"
#include "postmortem/text.h"
#include "postmortem/yaml.h"

const pm_embedded_file *pm_embedded_find(const char *name)
{
	for (size_t i = 0; i < pm_embedded_file_count; i++)
		if (strcmp(pm_embedded_files[i].name, name) == 0)
			return &pm_embedded_files[i];
	return NULL;
}

const pm_embedded_file *pm_builtin_template(const char *lang)
{
	char name[32];
	/* Only plain language tags name a template; no path tricks. */
	for (const char *p = lang; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-'))
			return NULL;
	if (!*lang || strlen(lang) + 4 > sizeof(name) || strchr(lang, '/'))
		return NULL;
	snprintf(name, sizeof(name), "%s.md", lang);
	return pm_embedded_find(name);
}

const pm_embedded_file *pm_embedded_readme(const char *lang)
{
	char name[32];
	size_t n = strcspn(lang, "-");
	const pm_embedded_file *f = NULL;
	if (n > 0 && n < 9) {
		snprintf(name, sizeof(name), "readme/%.*s.md", (int)n, lang);
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		f = pm_embedded_find(name);
	}
	return f ? f : pm_embedded_find("readme/en.md");
}

/* ---- finding a template ---- */

static char *lower(const char *s)
{
	char *out = pm_xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* 0 found, 1 absent, -1 unusable. */
static int find_one(pm_template *out, const char *root, const char *dir, const char *lang, char **why)
{
	const pm_embedded_file *builtin;
	if (root) {
		char *rel = pm_path_join(dir, "templates");
		char *rel_file = pm_xasprintf("%s/%s.md", rel, lang);
		char *path = pm_xasprintf("%s/%s", root, rel_file);
		char *buf = NULL;
		size_t len = 0, bad;
		int rc = pm_read_file(path, PM_MAX_FILE_SIZE, &buf, &len);
		free(path);
		free(rel);
		if (rc == 0 && (memchr(buf, '\0', len) || !pm_utf8_valid(buf, len, &bad))) {
			*why = pm_xasprintf("%s: the template is not UTF-8 text", rel_file);
			free(buf);
			free(rel_file);
			return -1;
		}
		if (rc == 0) {
			out->text = buf;
			out->len = len;
			out->origin = rel_file;
			return 0;
		}
		if (errno != ENOENT) {
			*why = pm_xasprintf("%s: cannot read the template: %s", rel_file,
					    errno == EFBIG ? "larger than 16 MiB"
					    : errno == EINVAL ? "not a regular file" : strerror(errno));
			free(rel_file);
			return -1;
		}
		free(rel_file);
	}
	builtin = pm_builtin_template(lang);
	if (!builtin)
		return 1;
	out->text = pm_xstrndup(builtin->data, builtin->len);
	out->len = builtin->len;
	out->origin = pm_xasprintf("built-in %s", lang);
	return 0;
}

int pm_template_find(pm_template *out, const char *root, const char *dir, const char *lang, char **why)
{
	char *tag = lower(lang);
	size_t primary = strcspn(tag, "-");
	int rc;
	memset(out, 0, sizeof(*out));
	*why = NULL;
	/* Only a language tag names a file: no '/', no "..". */
	if (!pm_lang_tag_valid(tag)) {
		free(tag);
		return 1;
	}
	rc = find_one(out, root, dir, tag, why);
	if (rc == 1 && tag[primary]) {
		tag[primary] = '\0';
		rc = find_one(out, root, dir, tag, why);
	}
	free(tag);
	return rc;
}

void pm_template_free(pm_template *t)
{
	free(t->text);
	free(t->origin);
	memset(t, 0, sizeof(*t));
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pm_template_langs(pm_strlist *out, const char *root, const char *dir)
{
	pm_strlist files = {0};
	for (size_t i = 0; i < pm_embedded_file_count; i++) {
		const char *name = pm_embedded_files[i].name;
		if (!strchr(name, '/'))
			pm_strlist_add_owned(out, pm_doc_id_from_path(name));
	}
	if (root) {
		char *rel = pm_path_join(dir, "templates");
		char *folder = pm_xasprintf("%s/%s", root, rel);
		pm_folder_list(&files, folder);
		for (size_t i = 0; i < files.count; i++) {
			char *lang = pm_doc_id_from_path(files.items[i]);
			char *low = lower(lang);
			if (pm_lang_tag_valid(lang) && !pm_strlist_has(out, low))
				pm_strlist_add(out, low);
			free(low);
			free(lang);
		}
		pm_strlist_clear(&files);
		free(folder);
		free(rel);
	}
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), compare_strings);
}

/* ---- YAML values, through libyaml's emitter ---- */

static int collect_output(void *data, unsigned char *buffer, size_t size)
{
	pm_buf_add(data, (const char *)buffer, size);
	return 1;
}

/* Words that a YAML reader (1.1 or 1.2) turns into something other than a
 * string when written plain. */
static bool is_keyword(const char *s)
{
	static const char *const words[] = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", NULL};
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* Plain only for a value that starts with a letter, is no keyword, and
 * holds no control character or line break: anything else (numbers,
 * dates, indicators, '---') is double-quoted. The emitter itself then
 * quotes plain values that hold ": " or " #". */
static yaml_scalar_style_t style_for(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t step;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	bool first = true;
	if (!*s || is_keyword(s))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	while (*p) {
		utf8proc_category_t cat;
		step = utf8proc_iterate(p, -1, &cp);
		if (step <= 0)
			return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		cat = utf8proc_category(cp);
		if (first && !(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO))
			return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF ||
		    cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
			return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		first = false;
		p += step;
	}
	return YAML_PLAIN_SCALAR_STYLE;
}

static int emit_scalar(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1, style_for(s));
	return yaml_emitter_emit(e, &ev);
}

/* One value as a one-line YAML document: a scalar, or a flow list when
 * items is not NULL. */
static char *emit_value(const char *scalar, const pm_strlist *items)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	pm_buf out = {0};
	int ok;
	size_t n;

	if (scalar && !pm_utf8_valid(scalar, strlen(scalar), NULL))
		return NULL;
	for (size_t i = 0; items && i < items->count; i++)
		if (!pm_utf8_valid(items->items[i], strlen(items->items[i]), NULL))
			return NULL;
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, collect_output, &out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1); /* never fold: one line */
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ok = yaml_emitter_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok = ok && yaml_emitter_emit(&e, &ev);
	if (items) {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
		ok = ok && yaml_emitter_emit(&e, &ev);
		for (size_t i = 0; ok && i < items->count; i++)
			ok = emit_scalar(&e, items->items[i]);
		yaml_sequence_end_event_initialize(&ev);
		ok = ok && yaml_emitter_emit(&e, &ev);
	} else {
		ok = ok && emit_scalar(&e, scalar);
	}
	yaml_document_end_event_initialize(&ev, 1);
	ok = ok && yaml_emitter_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&e, &ev);
	ok = ok && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	/* The value's line; the emitter may end an open document with "...". */
	n = out.data ? strcspn(out.data, "\n") : 0;
	if (!ok || n == 0 || (out.len > n + 1 && strcmp(out.data + n + 1, "...\n") != 0)) {
		pm_buf_free(&out);
		return NULL;
	}
	out.data[n] = '\0';
	return pm_buf_detach(&out);
}

char *pm_yaml_scalar(const char *s)
{
	return emit_value(s, NULL);
}

char *pm_yaml_flow_list(const pm_strlist *items)
{
	return emit_value(NULL, items);
}

/* ---- where the top-level values are ---- */

/* Byte offsets of line starts, to turn libyaml's marks (line and
 * character column) into byte offsets. libyaml breaks lines at LF, CR LF,
 * a lone CR, NEL, LS and PS. */
typedef struct {
	const char *text;
	size_t len;
	size_t *starts;
	size_t count, cap;
} line_starts;

static size_t break_len(const char *s, size_t avail)
{
	if (s[0] == '\n')
		return 1;
	if (s[0] == '\r')
		return avail > 1 && s[1] == '\n' ? 2 : 1;
	if (avail >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0x85)
		return 2;
	if (avail >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xa8 || (unsigned char)s[2] == 0xa9))
		return 3;
	return 0;
}

static void line_starts_init(line_starts *ls, const char *text, size_t len)
{
	memset(ls, 0, sizeof(*ls));
	ls->text = text;
	ls->len = len;
	pm_grow(&ls->starts, &ls->cap, 1, sizeof(size_t));
	ls->starts[ls->count++] = 0;
	for (size_t i = 0; i < len;) {
		size_t n = break_len(text + i, len - i);
		if (n) {
			i += n;
			pm_grow(&ls->starts, &ls->cap, ls->count + 1, sizeof(size_t));
			ls->starts[ls->count++] = i;
		} else {
			i++;
		}
	}
}

static size_t offset_of(const line_starts *ls, yaml_mark_t mark)
{
	size_t pos = ls->starts[mark.line < ls->count ? mark.line : ls->count - 1];
	for (size_t chars = 0; chars < mark.column && pos < ls->len; chars++) {
		size_t n = pm_utf8_char_len(ls->text + pos, ls->len - pos);
		pos += n ? n : 1;
	}
	return pos;
}

/* A key of the top-level mapping and where its value is. */
typedef struct {
	char *key;
	size_t key_end;
	size_t value_start, value_end;
	size_t key_line, value_line;
} fm_entry;

typedef struct {
	fm_entry *items;
	size_t count, cap;
} fm_entries;

static void entries_clear(fm_entries *es)
{
	for (size_t i = 0; i < es->count; i++)
		free(es->items[i].key);
	free(es->items);
	memset(es, 0, sizeof(*es));
}

static const fm_entry *entries_find(const fm_entries *es, const char *key)
{
	for (size_t i = 0; i < es->count; i++)
		if (strcmp(es->items[i].key, key) == 0)
			return &es->items[i];
	return NULL;
}

/* Walks the events of the front matter and records each top-level key
 * with the byte range of its value. A value's end is that of its last
 * scalar, alias or flow collection: the end of a block collection lies
 * after the comments that follow it. */
static int scan_entries(fm_entries *es, const char *text, size_t len, char **why)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	line_starts ls;
	/* Styles of the open collections: true for flow. */
	bool flow[PM_YAML_MAX_DEPTH + 1];
	size_t depth = 0;
	bool expect_key = true, done = false;
	fm_entry *cur = NULL;
	int rc = -1;

	line_starts_init(&ls, text, len);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		size_t start, end;
		bool leaf = false;
		if (!yaml_parser_parse(&parser, &ev)) {
			*why = pm_xasprintf("line %zu: not valid YAML: %s", parser.problem_mark.line + 2,
					    parser.problem ? parser.problem : "syntax error");
			goto out;
		}
		start = offset_of(&ls, ev.start_mark);
		end = offset_of(&ls, ev.end_mark);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth >= PM_YAML_MAX_DEPTH) {
				*why = pm_xasprintf("line %zu: YAML nested deeper than %d levels",
						    ev.start_mark.line + 2, PM_YAML_MAX_DEPTH);
				yaml_event_delete(&ev);
				goto out;
			}
			if (depth == 0) {
				if (ev.type != YAML_MAPPING_START_EVENT) {
					*why = pm_xstrdup("the front matter is not a mapping of keys to values");
					yaml_event_delete(&ev);
					goto out;
				}
			} else if (depth == 1) {
				if (expect_key) {
					*why = pm_xasprintf("line %zu: a key must be a plain name",
							    ev.start_mark.line + 2);
					yaml_event_delete(&ev);
					goto out;
				}
				cur->value_start = cur->value_end = start;
				cur->value_line = ev.start_mark.line;
			}
			flow[depth++] = ev.type == YAML_MAPPING_START_EVENT
						? ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
						: ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			if (depth >= 1 && flow[depth] && cur)
				cur->value_end = end;
			if (depth == 1)
				expect_key = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			leaf = true;
			break;
		default:
			break;
		}
		if (leaf && depth == 0) {
			*why = pm_xstrdup("the front matter is not a mapping of keys to values");
			yaml_event_delete(&ev);
			goto out;
		}
		if (leaf && depth == 1 && expect_key) {
			if (ev.type != YAML_SCALAR_EVENT) {
				*why = pm_xasprintf("line %zu: a key must be a plain name", ev.start_mark.line + 2);
				yaml_event_delete(&ev);
				goto out;
			}
			pm_grow(&es->items, &es->cap, es->count + 1, sizeof(*es->items));
			cur = &es->items[es->count++];
			memset(cur, 0, sizeof(*cur));
			cur->key = pm_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			cur->key_end = end;
			cur->key_line = ev.start_mark.line;
			expect_key = false;
		} else if (leaf && depth == 1) {
			cur->value_start = start;
			cur->value_end = end;
			cur->value_line = ev.start_mark.line;
			expect_key = true;
		} else if (leaf && cur) {
			cur->value_end = end;
		}
		yaml_event_delete(&ev);
	}
	rc = 0;
out:
	yaml_parser_delete(&parser);
	free(ls.starts);
	return rc;
}

/* ---- filling in ---- */

typedef struct {
	const char *key;
	char *value;    /* the YAML text */
	bool owned;     /* replaces the template's value; else only added when absent */
} fill_value;

typedef struct {
	size_t start, end;
	char *text;
} splice;

static int compare_splices(const void *a, const void *b)
{
	const splice *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Where a key's value is to go: normally over the old value; when the old
 * value starts on a later line (a block list), from the key's colon, so
 * that the new value stands on the key's line. */
static splice splice_for(const char *fm, const fm_entry *e, const char *value)
{
	splice s;
	size_t start = e->value_start, end = e->value_end;
	if (e->value_line > e->key_line) {
		size_t p = e->key_end;
		while (p < start && (fm[p] == ' ' || fm[p] == '\t'))
			p++;
		if (p < start && fm[p] == ':')
			start = p + 1;
	}
	/* A value's trailing line breaks (a block scalar's) are kept. */
	while (end > start && (fm[end - 1] == '\n' || fm[end - 1] == '\r' || fm[end - 1] == ' ' ||
			       fm[end - 1] == '\t'))
		end--;
	s.start = start;
	s.end = end;
	s.text = start > 0 && fm[start - 1] == ':' ? pm_xasprintf(" %s", value) : pm_xstrdup(value);
	return s;
}

static void free_values(fill_value *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(vals[i].value);
}

/* Parses the filled-in front matter as the validator will: it must be a
 * mapping without duplicate keys, whose title reads back as given. */
static int verify(const char *fm, size_t len, const pm_template_values *v, char **why)
{
	pm_ynode *root = NULL;
	pm_yaml_dups dups = {0};
	pm_yaml_error err;
	const pm_ynode *title;
	int rc = -1;
	if (len > PM_MAX_FRONTMATTER) {
		*why = pm_xstrdup("the front matter would be larger than 64 KiB");
		goto out;
	}
	if (pm_yaml_parse(&root, fm, len, 2, &dups, &err) != 0) {
		*why = pm_xasprintf("line %d: %s", err.line, err.message);
		goto out;
	}
	if (dups.count) {
		*why = pm_xasprintf("line %d: the key '%s' appears twice", dups.items[0].line, dups.items[0].key);
		goto out;
	}
	title = pm_ymap_get(root, "title");
	if (!title || title->type != PM_Y_SCALAR || strcmp(title->value, v->title) != 0) {
		*why = pm_xstrdup("the title does not read back as given");
		goto out;
	}
	rc = 0;
out:
	pm_ynode_free(root);
	pm_yaml_dups_clear(&dups);
	return rc;
}

int pm_template_fill(char **out, size_t *out_len, const char *tmpl, size_t len,
		     const pm_template_values *v, char **why)
{
	fill_value vals[9] = {
		{"title", pm_yaml_scalar(v->title), true},
		/* A date is written plain, as people write it; it is checked below. */
		{"date", pm_xstrdup(v->date), true},
		{"status", pm_yaml_scalar(v->status), true},
		{"severity", pm_yaml_scalar(v->severity), true},
		{"customer_impact", pm_xstrdup("false"), false},
		{"data_breach", pm_xstrdup("false"), false},
		{"authors", pm_yaml_flow_list(v->authors), true},
		{"failure_categories", pm_xstrdup("[]"), false},
		{"lang", pm_yaml_scalar(v->lang), true},
	};
	const size_t nvals = sizeof(vals) / sizeof(vals[0]);
	fm_entries es = {0};
	splice *splices = NULL;
	size_t nsplices = 0, splices_cap = 0;
	size_t fm_start = 0, close_start = 0, body = 0;
	pm_fm_bounds bounds;
	pm_doc_state state;
	const char *nl;
	bool has_fm;
	const char *eol = "\n";
	pm_date date;
	pm_buf res = {0}, added = {0};
	int rc = -1;

	*out = NULL;
	*why = NULL;
	for (size_t i = 0; i < nvals; i++) {
		if (!vals[i].value) {
			*why = pm_xasprintf("the %s is not valid UTF-8", vals[i].key);
			goto done;
		}
	}
	if (!pm_date_parse(v->date, strlen(v->date), &date)) {
		*why = pm_xasprintf("'%s' is not a date (YYYY-MM-DD)", v->date);
		goto done;
	}
	nl = memchr(tmpl, '\n', len);
	if (nl && nl > tmpl && nl[-1] == '\r')
		eol = "\r\n";
	state = pm_frontmatter_find(tmpl, len, &bounds);
	if (state == PM_DOC_FM_UNTERMINATED) {
		*why = pm_xstrdup("the front matter opened on line 1 is never closed with '---'");
		goto done;
	}
	has_fm = state == PM_DOC_OK;
	if (has_fm) {
		fm_start = bounds.start;
		close_start = bounds.close;
		if (close_start - fm_start > PM_MAX_FRONTMATTER) {
			*why = pm_xstrdup("the front matter is larger than 64 KiB");
			goto done;
		}
		if (scan_entries(&es, tmpl + fm_start, close_start - fm_start, why) != 0)
			goto done;
		body = close_start;
	} else {
		body = bounds.open; /* after a BOM */
	}

	for (size_t i = 0; i < nvals; i++) {
		const fm_entry *e = entries_find(&es, vals[i].key);
		if (!e) {
			pm_buf_printf(&added, "%s: %s%s", vals[i].key, vals[i].value, eol);
		} else if (vals[i].owned) {
			pm_grow(&splices, &splices_cap, nsplices + 1, sizeof(*splices));
			splices[nsplices++] = splice_for(tmpl + fm_start, e, vals[i].value);
		}
	}
	if (nsplices > 1)
		qsort(splices, nsplices, sizeof(*splices), compare_splices);

	pm_buf_printf(&res, "---%s", eol);
	{
		const char *fm = tmpl + fm_start;
		size_t at = 0;
		for (size_t i = 0; i < nsplices; i++) {
			pm_buf_add(&res, fm + at, splices[i].start - at);
			pm_buf_adds(&res, splices[i].text);
			at = splices[i].end;
		}
		if (has_fm)
			pm_buf_add(&res, fm + at, close_start - fm_start - at);
	}
	if (added.len)
		pm_buf_add(&res, added.data, added.len);
	{
		size_t fm_len = res.len;
		if (has_fm) {
			pm_buf_add(&res, tmpl + body, len - body);
		} else {
			pm_buf_printf(&res, "---%s", eol);
			if (body < len) {
				pm_buf_adds(&res, eol);
				pm_buf_add(&res, tmpl + body, len - body);
			}
		}
		if (verify(res.data + 3 + strlen(eol), fm_len - 3 - strlen(eol), v, why) != 0) {
			char *inner = *why;
			*why = pm_xasprintf("the front matter cannot be filled in: %s", inner);
			free(inner);
			goto done;
		}
	}
	*out_len = res.len;
	*out = pm_buf_detach(&res);
	rc = 0;
done:
	for (size_t i = 0; i < nsplices; i++)
		free(splices[i].text);
	free(splices);
	entries_clear(&es);
	free_values(vals, nvals);
	pm_buf_free(&res);
	pm_buf_free(&added);
	return rc;
}
