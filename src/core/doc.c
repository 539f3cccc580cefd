#include "postmortem/doc.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/text.h"
#include "postmortem/util.h"

char *pm_doc_id_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".md") == 0)
		len -= 3;
	return pm_xstrndup(base, len);
}

const pm_section *pm_doc_section(const pm_doc *doc, long key)
{
	for (size_t i = 0; i < doc->nsections; i++)
		if (doc->sections[i].key == key && !doc->sections[i].duplicate)
			return &doc->sections[i];
	return NULL;
}

const pm_action_field *pm_action_field_get(const pm_action *action, const char *key)
{
	for (size_t i = 0; i < action->nfields; i++)
		if (strcmp(action->fields[i].key, key) == 0 && action->fields[i].value[0])
			return &action->fields[i];
	return NULL;
}

void pm_doc_free(pm_doc *doc)
{
	free(doc->path);
	free(doc->id);
	pm_ynode_free(doc->fm);
	pm_yaml_dups_clear(&doc->dups);
	free(doc->sections);
	for (size_t i = 0; i < doc->ncategories; i++)
		free(doc->categories[i].title);
	free(doc->categories);
	free(doc->timeline);
	for (size_t i = 0; i < doc->nactions; i++) {
		pm_action *a = &doc->actions[i];
		free(a->title);
		for (size_t f = 0; f < a->nfields; f++) {
			free(a->fields[f].key);
			free(a->fields[f].value);
		}
		free(a->fields);
	}
	free(doc->actions);
	memset(doc, 0, sizeof(*doc));
}

/* ---- positions ---- */

static void line_col_of(const char *buf, size_t offset, int *line, int *column)
{
	int l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++) {
		if (buf[i] == '\n') {
			l++;
			line_start = i + 1;
		}
	}
	*line = l;
	*column = (int)(offset - line_start) + 1;
}

/* End of the line starting at pos (the offset of its \n, or len). */
static size_t line_end(const char *buf, size_t pos, size_t len)
{
	const char *nl = memchr(buf + pos, '\n', len - pos);
	return nl ? (size_t)(nl - buf) : len;
}

/* Whether buf[pos..end) is the delimiter, then only spaces, tabs, a CR. */
static bool is_delimiter(const char *buf, size_t pos, size_t end, const char *delim)
{
	if (end - pos < 3 || memcmp(buf + pos, delim, 3) != 0)
		return false;
	for (size_t i = pos + 3; i < end; i++)
		if (buf[i] != ' ' && buf[i] != '\t' && !(buf[i] == '\r' && i + 1 == end))
			return false;
	return true;
}

pm_doc_state pm_frontmatter_find(const char *buf, size_t len, pm_fm_bounds *out)
{
	size_t pos, end;
	int line;
	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		out->open = 3;
	end = line_end(buf, out->open, len);
	if (!is_delimiter(buf, out->open, end, "---"))
		return PM_DOC_FM_MISSING;
	out->start = end < len ? end + 1 : len;
	for (pos = end + 1, line = 2; pos <= len && end < len; line++) {
		end = line_end(buf, pos, len);
		if (is_delimiter(buf, pos, end, "---") || is_delimiter(buf, pos, end, "...")) {
			out->close = pos;
			out->close_line = line;
			return PM_DOC_OK;
		}
		pos = end + 1;
	}
	return PM_DOC_FM_UNTERMINATED;
}

/* ---- body walk ---- */

typedef struct {
	pm_doc *doc;
	const pm_config *cfg;
	const char *body;
	size_t body_len;
	size_t body_offset; /* of the body in the file */
	int first_line;     /* file line of the body's first line */
	size_t *line_starts; /* body line starts, built on first use */
	size_t nlines;
	long timeline_key, failures_key, actions_key;
	/* Per key, the index of its first heading or -1: duplicates are
	 * found in constant time, whatever the number of headings. */
	long *first_section;
	long *first_category;
} walker;

static int file_line(const walker *w, cmark_node *node)
{
	return w->first_line + cmark_node_get_start_line(node) - 1;
}

static int file_column(cmark_node *node)
{
	int c = cmark_node_get_start_column(node);
	return c > 0 ? c : 1;
}

/* Offset in the file of (cmark line, column), or (size_t)-1. */
static size_t file_offset(walker *w, int line, int column)
{
	size_t off;
	if (!w->line_starts) {
		size_t cap = 64;
		w->line_starts = pm_xmalloc(cap * sizeof(size_t));
		w->line_starts[w->nlines++] = 0;
		for (const char *p = w->body; (p = memchr(p, '\n', w->body_len - (size_t)(p - w->body)));) {
			p++;
			pm_grow(&w->line_starts, &cap, w->nlines + 1, sizeof(size_t));
			w->line_starts[w->nlines++] = (size_t)(p - w->body);
		}
	}
	if (line < 1 || (size_t)line > w->nlines || column < 1)
		return (size_t)-1;
	off = w->line_starts[line - 1] + (size_t)column - 1;
	return off < w->body_len ? off : (size_t)-1;
}

/* The text of node's inlines with markup removed; line breaks as \n. */
static void plain_text(cmark_node *node, pm_buf *out)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *lit = cmark_node_get_literal(cur);
			if (lit)
				pm_buf_adds(out, lit);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			pm_buf_addc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	if (!out->data)
		pm_buf_add(out, "", 0);
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Length of a leading "[ ]", "[x]" or "[X]" followed by space or end. */
static size_t checkbox_len(const char *s)
{
	if (s[0] == '[' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') && s[2] == ']' &&
	    (s[3] == '\0' || s[3] == ' ' || s[3] == '\t' || s[3] == '\n' || s[3] == '\r'))
		return 3;
	return 0;
}

static bool is_html_comment(const char *html);

/* An image, or inline HTML that is not a comment, is content even
 * without text. */
static bool has_inline_content(cmark_node *para)
{
	cmark_iter *iter = cmark_iter_new(para);
	cmark_event_type ev;
	bool found = false;
	while (!found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(cur) == CMARK_NODE_IMAGE)
			found = true;
		else if (cmark_node_get_type(cur) == CMARK_NODE_HTML_INLINE)
			found = !is_html_comment(cmark_node_get_literal(cur));
	}
	cmark_iter_free(iter);
	return found;
}

static bool paragraph_has_text(cmark_node *para)
{
	pm_buf text = {0};
	const char *s;
	bool has;
	cmark_node *parent = cmark_node_parent(para);
	if (has_inline_content(para))
		return true;
	plain_text(para, &text);
	s = skip_space(text.data);
	/* "- [ ]" alone is a list item without text. */
	if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM && cmark_node_first_child(parent) == para)
		s += checkbox_len(s);
	has = !pm_is_blank(s, strlen(s));
	pm_buf_free(&text);
	return has;
}

/* HTML other than comments is content. */
static bool html_has_content(const char *html);

static bool is_html_comment(const char *html)
{
	return !html_has_content(html);
}

static bool html_has_content(const char *html)
{
	const char *p = html ? html : "";
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			return false;
		if (strncmp(p, "<!--", 4) != 0)
			return true;
		p = strstr(p + 4, "-->");
		if (!p)
			return false; /* an unclosed comment runs to the end */
		p += 3;
	}
}

static bool leaf_has_content(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		return paragraph_has_text(node);
	case CMARK_NODE_CODE_BLOCK: {
		const char *lit = cmark_node_get_literal(node);
		return lit && !pm_is_blank(lit, strlen(lit));
	}
	case CMARK_NODE_HTML_BLOCK:
		return html_has_content(cmark_node_get_literal(node));
	default:
		return false;
	}
}

/* Whether a top-level block is content (contract 3.2), walking nested
 * blocks with an iterator so deep nesting cannot exhaust the stack. */
static bool block_has_content(cmark_node *block)
{
	cmark_iter *iter;
	cmark_event_type ev;
	bool found = false;
	switch (cmark_node_get_type(block)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
		break;
	default:
		return leaf_has_content(block);
	}
	iter = cmark_iter_new(block);
	while (!found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		if (ev == CMARK_EVENT_ENTER && cur != block)
			found = leaf_has_content(cur);
	}
	cmark_iter_free(iter);
	return found;
}

/* The key named by <a name="KEY"> or <a id="KEY"> in an inline HTML tag. */
static bool anchor_key(const char *html, const char **key, size_t *len)
{
	const char *p;
	if (!html || (html[0] != '<') || (html[1] != 'a' && html[1] != 'A') ||
	    (html[2] != ' ' && html[2] != '\t' && html[2] != '\n'))
		return false;
	p = html + 2;
	while (*p && *p != '>') {
		size_t attr;
		p = skip_space(p);
		while (*p == '\n')
			p = skip_space(p + 1);
		attr = strcspn(p, " \t\n=>");
		if ((attr == 4 && strncasecmp(p, "name", 4) == 0) || (attr == 2 && strncasecmp(p, "id", 2) == 0)) {
			const char *v = skip_space(p + attr);
			if (*v == '=') {
				char quote;
				v = skip_space(v + 1);
				quote = *v;
				if (quote == '"' || quote == '\'') {
					const char *end = strchr(v + 1, quote);
					if (end) {
						*key = v + 1;
						*len = (size_t)(end - v - 1);
						return true;
					}
				} else if (*v && !strchr(" \t\n>", *v)) {
					/* HTML allows unquoted values: <a name=timeline> */
					*key = v;
					*len = strcspn(v, " \t\n>/");
					return *len > 0;
				}
			}
		}
		p += attr ? attr : 1;
	}
	return false;
}

/* Matches a heading to a key of set: the anchor first, then its text. */
static long match_heading(cmark_node *heading, const pm_heading_set *set, char **text_out)
{
	pm_buf text = {0};
	long found = -1;
	char *norm;
	cmark_iter *iter = cmark_iter_new(heading);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		const char *key;
		size_t len;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_HTML_INLINE:
			if (found < 0 && anchor_key(cmark_node_get_literal(cur), &key, &len))
				found = pm_heading_find_key(set, key, len);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			pm_buf_adds(&text, cmark_node_get_literal(cur));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			pm_buf_addc(&text, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(iter);
	if (!text.data)
		pm_buf_add(&text, "", 0);
	if (found < 0) {
		norm = pm_title_key(text.data, text.len);
		found = pm_heading_find_title(set, norm);
		free(norm);
	}
	if (text_out)
		*text_out = pm_buf_detach(&text);
	pm_buf_free(&text);
	return found;
}

static void add_timeline_entries(walker *w, cmark_node *list)
{
	pm_doc *doc = w->doc;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		pm_buf text = {0};
		const char *s;
		pm_timeline_entry *e;
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
			continue;
		plain_text(first, &text);
		s = skip_space(text.data);
		/* "- [ ]" alone is an item without text, as in sections. */
		if (pm_is_blank(s + checkbox_len(s), strlen(s + checkbox_len(s)))) {
			pm_buf_free(&text);
			continue;
		}
		pm_grow(&doc->timeline, &doc->timeline_cap, doc->ntimeline + 1, sizeof(*doc->timeline));
		e = &doc->timeline[doc->ntimeline++];
		memset(e, 0, sizeof(*e));
		e->line = file_line(w, first);
		e->column = file_column(first);
		e->status = pm_timeline_time_parse(s, strlen(s), &e->time);
		pm_buf_free(&text);
	}
}

/* "key: value" on one line, the key one word; returns false for notes. */
static bool parse_field(const char *text, char **key, char **value)
{
	const char *p = skip_space(text);
	const char *k = p;
	const char *v;
	size_t vlen;
	if (strchr(text, '\n'))
		return false;
	while (isalnum((unsigned char)*p) || *p == '-' || *p == '_')
		p++;
	if (p == k || *p != ':' || (p[1] != '\0' && p[1] != ' ' && p[1] != '\t'))
		return false;
	v = skip_space(p + 1);
	vlen = strlen(v);
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	*key = pm_xstrndup(k, (size_t)(p - k));
	for (char *c = *key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	*value = pm_xstrndup(v, vlen);
	return true;
}

static void add_action_fields(pm_action *action, walker *w, cmark_node *item)
{
	for (cmark_node *child = cmark_node_next(cmark_node_first_child(item)); child;
	     child = cmark_node_next(child)) {
		if (cmark_node_get_type(child) != CMARK_NODE_LIST)
			continue;
		for (cmark_node *sub = cmark_node_first_child(child); sub; sub = cmark_node_next(sub)) {
			cmark_node *para = cmark_node_first_child(sub);
			pm_buf text = {0};
			char *key, *value;
			pm_action_field *f;
			if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH || cmark_node_next(para))
				continue;
			plain_text(para, &text);
			if (parse_field(text.data, &key, &value)) {
				pm_grow(&action->fields, &action->fields_cap, action->nfields + 1,
					sizeof(*action->fields));
				f = &action->fields[action->nfields++];
				f->key = key;
				f->value = value;
				f->line = file_line(w, para);
				f->column = file_column(para);
			}
			pm_buf_free(&text);
		}
	}
}

static void add_action_items(walker *w, cmark_node *list)
{
	pm_doc *doc = w->doc;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *first = cmark_node_first_child(item);
		pm_buf text = {0};
		const char *s;
		size_t box, off, title_len;
		pm_action action;
		if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
			continue;
		memset(&action, 0, sizeof(action));
		plain_text(first, &text);
		s = skip_space(text.data);
		box = checkbox_len(s);
		action.box = PM_BOX_MISSING;
		if (box) {
			action.box = s[1] == ' ' ? PM_BOX_OPEN : PM_BOX_DONE;
			/* The bytes of the box in the file, for `done` to flip: only
			 * when the file spells it as the text reads, "[" s[1] "]".
			 * Markup or a line break can give the same text from other
			 * bytes ("[\n]", "[<b></b> ]"), and those are not one byte
			 * to flip. */
			off = file_offset(w, cmark_node_get_start_line(first), cmark_node_get_start_column(first));
			if (off != (size_t)-1 && off + 2 < w->body_len && w->body[off] == '[' &&
			    w->body[off + 1] == s[1] && w->body[off + 2] == ']')
				action.box_offset = w->body_offset + off + 1;
			s = skip_space(s + box);
		}
		title_len = strcspn(s, "\n");
		while (title_len && (s[title_len - 1] == ' ' || s[title_len - 1] == '\t'))
			title_len--;
		if (title_len == 0) {
			pm_buf_free(&text);
			continue; /* no title: not an action item */
		}
		action.title = pm_xstrndup(s, title_len);
		action.number = (int)doc->nactions + 1;
		action.line = file_line(w, item);
		action.column = file_column(item);
		pm_buf_free(&text);
		add_action_fields(&action, w, item);
		pm_grow(&doc->actions, &doc->actions_cap, doc->nactions + 1, sizeof(*doc->actions));
		doc->actions[doc->nactions++] = action;
	}
}

static void walk_body(walker *w)
{
	pm_doc *doc = w->doc;
	cmark_node *root = cmark_parse_document(w->body, w->body_len, CMARK_OPT_DEFAULT);
	long section = -1;  /* index in doc->sections */
	long category = -1; /* index in doc->categories */
	bool in_failures = false;

	for (cmark_node *block = cmark_node_first_child(root); block; block = cmark_node_next(block)) {
		cmark_node_type type = cmark_node_get_type(block);
		if (type == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(block);
			if (level == 1) {
				section = category = -1;
				in_failures = false;
			} else if (level == 2) {
				pm_section *sec;
				long key = match_heading(block, &w->cfg->sections, NULL);
				pm_grow(&doc->sections, &doc->sections_cap, doc->nsections + 1, sizeof(*doc->sections));
				sec = &doc->sections[doc->nsections];
				sec->key = key;
				sec->line = file_line(w, block);
				sec->column = file_column(block);
				sec->empty = true;
				sec->duplicate = key >= 0 && w->first_section[key] >= 0;
				sec->first_line = sec->duplicate ? doc->sections[w->first_section[key]].line : 0;
				if (key >= 0 && !sec->duplicate)
					w->first_section[key] = (long)doc->nsections;
				section = (long)doc->nsections++;
				category = -1;
				in_failures = key >= 0 && key == w->failures_key && !sec->duplicate;
			} else if (level == 3 && in_failures) {
				pm_category *cat;
				char *title = NULL;
				long key = match_heading(block, &w->cfg->categories, &title);
				bool dup = key >= 0 && w->first_category[key] >= 0;
				pm_grow(&doc->categories, &doc->categories_cap, doc->ncategories + 1,
					sizeof(*doc->categories));
				cat = &doc->categories[doc->ncategories];
				cat->key = key;
				cat->title = title;
				cat->line = file_line(w, block);
				cat->column = file_column(block);
				cat->empty = true;
				cat->duplicate = dup;
				cat->first_line = dup ? doc->categories[w->first_category[key]].line : 0;
				if (key >= 0 && !dup)
					w->first_category[key] = (long)doc->ncategories;
				category = (long)doc->ncategories++;
			}
			continue;
		}
		if (section < 0)
			continue;
		if (block_has_content(block)) {
			doc->sections[section].empty = false;
			if (category >= 0)
				doc->categories[category].empty = false;
		}
		if (type == CMARK_NODE_LIST && !doc->sections[section].duplicate) {
			long key = doc->sections[section].key;
			if (key >= 0 && key == w->timeline_key)
				add_timeline_entries(w, block);
			else if (key >= 0 && key == w->actions_key)
				add_action_items(w, block);
		}
	}
	cmark_node_free(root);
}

/* ---- the document ---- */

static void file_invalid(pm_doc *doc, pm_diags *diags, int line, int column, const char *why)
{
	doc->state = PM_DOC_FILE_INVALID;
	pm_diags_add(diags, doc->path, line, column, PM_ERROR, PM_RULE_FILE_INVALID, "%s", why);
}

static void report_duplicates(pm_doc *doc, pm_diags *diags)
{
	for (size_t i = 0; i < doc->dups.count; i++) {
		const pm_yaml_dup *d = &doc->dups.items[i];
		bool seen = false;
		/* Once per key, however often it repeats. */
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(doc->dups.items[j].key, d->key) == 0 && doc->dups.items[j].first_line == d->first_line;
		if (!seen)
			pm_diags_add(diags, doc->path, d->line, d->column, PM_ERROR,
				     PM_RULE_FRONTMATTER_DUPLICATE_KEY,
				     "duplicate key '%s' (first on line %d); the first value is used", d->key,
				     d->first_line);
	}
}

void pm_doc_parse(pm_doc *doc, const pm_config *cfg, const char *path, const char *buf, size_t len,
		  pm_diags *diags)
{
	size_t bad;
	pm_fm_bounds bounds;
	pm_doc_state state;
	const char *nul;
	pm_yaml_error yerr;
	walker w;

	memset(doc, 0, sizeof(*doc));
	doc->path = pm_xstrdup(path);
	doc->id = pm_doc_id_from_path(path);
	doc->fm_line = 1;

	if (len > PM_MAX_FILE_SIZE) {
		file_invalid(doc, diags, 1, 1, "the file is larger than 16 MiB");
		return;
	}
	if ((nul = memchr(buf, '\0', len))) {
		int l, c;
		line_col_of(buf, (size_t)(nul - buf), &l, &c);
		file_invalid(doc, diags, l, c, "the file holds a NUL byte: it is not a text document");
		return;
	}
	if (!pm_utf8_valid(buf, len, &bad)) {
		int l, c;
		char why[96];
		line_col_of(buf, bad, &l, &c);
		snprintf(why, sizeof(why), "the file is not valid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		file_invalid(doc, diags, l, c, why);
		return;
	}
	state = pm_frontmatter_find(buf, len, &bounds);
	if (state == PM_DOC_FM_MISSING) {
		doc->state = state;
		pm_diags_add(diags, path, 1, 1, PM_ERROR, PM_RULE_FRONTMATTER_MISSING,
			     "the file does not start with front matter: the first line must be '---'");
		return;
	}
	if (state == PM_DOC_FM_UNTERMINATED) {
		doc->state = state;
		pm_diags_add(diags, path, 1, 1, PM_ERROR, PM_RULE_FRONTMATTER_UNTERMINATED,
			     "the front matter opened on line 1 is never closed with '---'");
		return;
	}
	{
		size_t fm_start = bounds.start;
		size_t fm_len = bounds.close - bounds.start;
		if (fm_len > PM_MAX_FRONTMATTER) {
			doc->state = PM_DOC_FM_INVALID;
			pm_diags_add(diags, path, 2, 1, PM_ERROR, PM_RULE_FRONTMATTER_INVALID,
				     "the front matter is larger than 64 KiB");
			return;
		}
		if (pm_yaml_parse(&doc->fm, buf + fm_start, fm_len, 2, &doc->dups, &yerr)) {
			doc->state = PM_DOC_FM_INVALID;
			pm_diags_add(diags, path, yerr.line, yerr.column, PM_ERROR, PM_RULE_FRONTMATTER_INVALID,
				     "invalid front matter: %s", yerr.message);
			return;
		}
		if (!doc->fm || doc->fm->type != PM_Y_MAP || pm_ynode_is_null(doc->fm)) {
			doc->state = PM_DOC_FM_INVALID;
			pm_diags_add(diags, path, doc->fm ? doc->fm->line : 1, doc->fm ? doc->fm->column : 1,
				     PM_ERROR, PM_RULE_FRONTMATTER_INVALID,
				     doc->fm ? "the front matter is not a mapping of keys to values"
					     : "the front matter is empty");
			pm_ynode_free(doc->fm);
			doc->fm = NULL;
			pm_yaml_dups_clear(&doc->dups);
			return;
		}
	}
	report_duplicates(doc, diags);

	memset(&w, 0, sizeof(w));
	w.doc = doc;
	w.cfg = cfg;
	w.body_offset = line_end(buf, bounds.close, len);
	w.body_offset = w.body_offset < len ? w.body_offset + 1 : len;
	w.body = buf + w.body_offset;
	w.body_len = len - w.body_offset;
	w.first_line = bounds.close_line + 1;
	w.timeline_key = pm_heading_find_key(&cfg->sections, "timeline", 8);
	w.failures_key = pm_heading_find_key(&cfg->sections, "failures", 8);
	w.actions_key = pm_heading_find_key(&cfg->sections, "action-items", 12);
	w.first_section = pm_xmalloc((cfg->sections.count + 1) * sizeof(long));
	w.first_category = pm_xmalloc((cfg->categories.count + 1) * sizeof(long));
	for (size_t i = 0; i < cfg->sections.count; i++)
		w.first_section[i] = -1;
	for (size_t i = 0; i < cfg->categories.count; i++)
		w.first_category[i] = -1;
	walk_body(&w);
	free(w.first_section);
	free(w.first_category);
	free(w.line_starts);
}
