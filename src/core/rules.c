#include "postmortem/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "postmortem/ptime.h"
#include "postmortem/text.h"
#include "postmortem/util.h"

/* ---- id sets ---- */

void pm_idset_add(pm_idset *set, const char *path)
{
	pm_grow(&set->items, &set->cap, set->count + 1, sizeof(*set->items));
	set->items[set->count].id = pm_doc_id_from_path(path);
	set->items[set->count].path = pm_xstrdup(path);
	set->count++;
	set->sorted = false;
}

static int compare_ids(const void *a, const void *b)
{
	const pm_id_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->path, y->path);
}

void pm_idset_finish(pm_idset *set)
{
	if (set->count > 1)
		qsort(set->items, set->count, sizeof(*set->items), compare_ids);
	set->sorted = true;
}

size_t pm_idset_find(const pm_idset *set, const char *id, size_t *first)
{
	size_t lo = 0, hi = set->count, n = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(set->items[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < set->count && strcmp(set->items[lo + n].id, id) == 0)
		n++;
	return n;
}

void pm_idset_clear(pm_idset *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->items[i].id);
		free(set->items[i].path);
	}
	free(set->items);
	memset(set, 0, sizeof(*set));
}

/* ---- checking one document ---- */

typedef struct {
	const pm_config *cfg;
	const pm_doc *doc;
	pm_diags *diags;
	bool draft;
	bool full;
	bool has_date;
	pm_date date;
	const char *lang; /* the document's language: messages name headings in it */
} checker;

static const char *title_of(const checker *c, const pm_heading_def *def)
{
	return pm_heading_title(def, c->lang);
}

/* How to write a heading: "Impact", or with its anchor in another
 * language, as the templates do: <a name="impact"></a>Auswirkungen. */
static char *heading_markup(const checker *c, const pm_heading_def *def)
{
	const char *title = title_of(c, def);
	if (strcmp(title, def->display) == 0)
		return pm_xstrdup(title);
	return pm_xasprintf("<a name=\"%s\"></a>%s", def->key, title);
}

static void report(checker *c, int line, int column, pm_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void report(checker *c, int line, int column, pm_rule rule, const char *fmt, ...)
{
	va_list ap;
	pm_severity severity = pm_rule_severity(rule);
	/* In a draft, unfinished sections and categories are only warnings. */
	if (c->draft && (rule == PM_RULE_SECTION_EMPTY || rule == PM_RULE_CATEGORY_MISSING ||
			 rule == PM_RULE_CATEGORY_UNLISTED))
		severity = PM_WARNING;
	va_start(ap, fmt);
	pm_diags_vadd(c->diags, c->doc->path, line, column, severity, rule, fmt, ap);
	va_end(ap);
}

static void report_at(checker *c, const pm_ynode *node, pm_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report_at(checker *c, const pm_ynode *node, pm_rule rule, const char *fmt, ...)
{
	va_list ap;
	pm_severity severity = pm_rule_severity(rule);
	va_start(ap, fmt);
	pm_diags_vadd(c->diags, c->doc->path, node->line, node->column, severity, rule, fmt, ap);
	va_end(ap);
}

static const char *type_name(const pm_ynode *node)
{
	return node->type == PM_Y_SEQ ? "a list" : node->type == PM_Y_MAP ? "a mapping" : "a string";
}

/* A field's value, or NULL when absent (null, blank or an empty list). */
static const pm_ynode *field(const checker *c, const char *key)
{
	const pm_ynode *value = pm_ymap_get(c->doc->fm, key);
	if (pm_ynode_is_null(value))
		return NULL;
	if (value->type == PM_Y_SEQ && value->count == 0)
		return NULL;
	return value;
}

static void missing(checker *c, const char *key, const char *example)
{
	report(c, c->doc->fm_line, 1, PM_RULE_FIELD_MISSING, "required field '%s' is missing (%s: %s)",
	       key, key, example);
}

/* A scalar field; reports a missing or non-scalar value. */
static const pm_ynode *text_field(checker *c, const char *key, bool required, const char *example)
{
	const pm_ynode *value = field(c, key);
	if (!value) {
		if (required)
			missing(c, key, example);
		return NULL;
	}
	if (value->type != PM_Y_SCALAR) {
		report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' must be a string, not %s", key,
			  type_name(value));
		return NULL;
	}
	return value;
}

/* A message names at most this many of the allowed values: a
 * configuration may list thousands, and each diagnostic (one an action
 * item, say) would repeat them all. */
#define MAX_NAMES 20

/* Adds the i-th of count names to a list in a message. */
static void join_name(pm_buf *out, size_t i, size_t count, const char *name)
{
	if (i < MAX_NAMES)
		pm_buf_printf(out, "%s%s", i ? ", " : "", name);
	else if (i == MAX_NAMES)
		pm_buf_printf(out, " and %zu more", count - MAX_NAMES);
}

static void join_list(pm_buf *out, const pm_strlist *list)
{
	for (size_t i = 0; i < list->count && i <= MAX_NAMES; i++)
		join_name(out, i, list->count, list->items[i]);
}

static const char *one_of(checker *c, const char *key, const pm_strlist *allowed)
{
	const pm_ynode *value = text_field(c, key, true, allowed->count ? allowed->items[0] : "");
	pm_buf list = {0};
	long other;
	if (!value)
		return NULL;
	if (pm_strlist_has(allowed, value->value))
		return value->value;
	join_list(&list, allowed);
	other = pm_strlist_find_icase(allowed, value->value);
	if (other >= 0)
		report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' must be one of %s, not '%s' (did you mean '%s'?)",
			  key, list.data, value->value, allowed->items[other]);
	else
		report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' must be one of %s, not '%s'", key, list.data,
			  value->value);
	pm_buf_free(&list);
	return NULL;
}

/* Returns 1 for true, 0 for false, -1 when absent or invalid. */
static int bool_field(checker *c, const char *key)
{
	static const char *const yaml11[] = {"yes", "no", "on", "off", "y", "n", NULL};
	const pm_ynode *value = text_field(c, key, true, "false");
	const char *v;
	if (!value)
		return -1;
	v = value->value;
	if (value->plain) {
		if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
			return 1;
		if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
			return 0;
		for (size_t i = 0; yaml11[i]; i++) {
			if (strcasecmp(v, yaml11[i]) == 0) {
				report_at(c, value, PM_RULE_FIELD_INVALID,
					  "'%s' must be true or false, not '%s' (YAML 1.2 reads yes/no/on/off as strings)",
					  key, v);
				return -1;
			}
		}
	} else if (!strcasecmp(v, "true") || !strcasecmp(v, "false")) {
		report_at(c, value, PM_RULE_FIELD_INVALID,
			  "'%s' must be the boolean %s, not a quoted string: remove the quotes", key, v);
		return -1;
	}
	report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' must be true or false, not '%s'", key, v);
	return -1;
}

/* Calls each(item) for every item of a list of strings (a single string
 * is a list of one); reports non-strings. Returns the number of items, or
 * -1 when absent, or -2 when invalid. */
typedef void (*item_fn)(checker *c, const char *key, const pm_ynode *item, void *data);

static long list_field(checker *c, const char *key, bool required, const char *example, item_fn each,
		       void *data)
{
	const pm_ynode *value = field(c, key);
	const pm_ynode *const *items;
	size_t n;
	bool ok = true;
	if (!value) {
		if (required)
			missing(c, key, example);
		return -1;
	}
	if (value->type == PM_Y_MAP) {
		report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' must be a list of strings, not a mapping", key);
		return -2;
	}
	if (value->type == PM_Y_SCALAR) {
		items = &value;
		n = 1;
	} else {
		items = (const pm_ynode *const *)value->children;
		n = value->count;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i]->type != PM_Y_SCALAR || pm_ynode_is_null(items[i])) {
			report_at(c, items[i], PM_RULE_FIELD_INVALID,
				  "'%s' must be a list of non-empty strings; item %zu is %s", key, i + 1,
				  items[i]->type == PM_Y_SCALAR ? "empty" : type_name(items[i]));
			ok = false;
			continue;
		}
		if (each)
			each(c, key, items[i], data);
	}
	return ok ? (long)n : -2;
}

bool pm_lang_tag_valid(const char *s)
{
	size_t n = 0;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
		s++;
		n++;
	}
	if (n < 2 || n > 8)
		return false;
	while (*s == '-') {
		s++;
		n = 0;
		while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')) {
			s++;
			n++;
		}
		if (n < 1 || n > 8)
			return false;
	}
	return *s == '\0';
}

static void check_times(checker *c)
{
	static const char *const keys[] = {"started", "detected", "mitigated", "resolved"};
	const char *prev_key = NULL;
	const pm_ynode *prev_node = NULL;
	pm_instant prev = {0, 0};
	for (size_t i = 0; i < 4; i++) {
		const pm_ynode *value = text_field(c, keys[i], false, "");
		pm_instant t;
		if (!value)
			continue;
		if (!pm_datetime_parse(value->value, value->len, &t)) {
			report_at(c, value, PM_RULE_FIELD_INVALID,
				  "'%s' must be an RFC 3339 date-time with an offset, such as "
				  "2026-11-20T09:14:00Z, not '%s'",
				  keys[i], value->value);
			continue;
		}
		if (prev_key && pm_instant_compare(t, prev) < 0)
			report_at(c, value, PM_RULE_FIELD_INVALID, "'%s' (%s) is earlier than '%s' (%s, line %d)",
				  keys[i], value->value, prev_key, prev_node->value, prev_node->line);
		prev_key = keys[i];
		prev_node = value;
		prev = t;
	}
}

typedef struct {
	long *keys; /* known categories listed, in order */
	const pm_ynode **nodes;
	size_t count;
} category_list;

static void category_item(checker *c, const char *key, const pm_ynode *item, void *data)
{
	category_list *list = data;
	long k = pm_heading_find_key(&c->cfg->categories, item->value, item->len);
	(void)key;
	if (k < 0) {
		pm_buf known = {0};
		for (size_t i = 0; i < c->cfg->categories.count && i <= MAX_NAMES; i++)
			join_name(&known, i, c->cfg->categories.count, c->cfg->categories.items[i].key);
		report_at(c, item, PM_RULE_CATEGORY_UNKNOWN, "unknown failure category '%s' (known: %s)",
			  item->value, known.data);
		pm_buf_free(&known);
		return;
	}
	for (size_t i = 0; i < list->count; i++)
		if (list->keys[i] == k)
			return; /* listed twice: one subsection serves both */
	list->keys = pm_xrealloc(list->keys, (list->count + 1) * sizeof(*list->keys));
	list->nodes = pm_xrealloc(list->nodes, (list->count + 1) * sizeof(*list->nodes));
	list->keys[list->count] = k;
	list->nodes[list->count] = item;
	list->count++;
}

static void related_item(checker *c, const char *key, const pm_ynode *item, void *data)
{
	const pm_idset *ids = data;
	size_t first;
	(void)key;
	if (ids && pm_idset_find(ids, item->value, &first) == 0)
		report_at(c, item, PM_RULE_RELATED_UNKNOWN, "related document '%s' does not exist", item->value);
}

static void check_sections(checker *c)
{
	const pm_config *cfg = c->cfg;
	const pm_doc *doc = c->doc;
	for (size_t i = 0; i < doc->nsections; i++) {
		const pm_section *sec = &doc->sections[i];
		if (sec->duplicate)
			report(c, sec->line, sec->column, PM_RULE_SECTION_DUPLICATE,
			       "section '%s' appears twice (first on line %d)",
			       title_of(c, &cfg->sections.items[sec->key]), sec->first_line);
	}
	for (size_t k = 0; k < cfg->sections.count; k++) {
		const pm_heading_def *def = &cfg->sections.items[k];
		const pm_section *sec = pm_doc_section(doc, (long)k);
		bool required = def->required == PM_REQ_ALWAYS || (def->required == PM_REQ_FULL && c->full) ||
				(def->required == PM_REQ_NOT_DRAFT && !c->draft);
		if (!required)
			continue;
		if (!sec) {
			char *markup = heading_markup(c, def);
			report(c, 1, 1, PM_RULE_SECTION_MISSING, "required section '%s' is missing (## %s)%s",
			       title_of(c, def), markup,
			       def->required == PM_REQ_FULL ? ": customer impact or a data breach needs the full analysis"
							    : "");
			free(markup);
		} else if (sec->empty) {
			report(c, sec->line, sec->column, PM_RULE_SECTION_EMPTY, "required section '%s' is empty",
			       title_of(c, def));
		}
	}
}

static void check_categories(checker *c, const category_list *listed, bool list_valid)
{
	const pm_config *cfg = c->cfg;
	const pm_doc *doc = c->doc;
	long failures = pm_heading_find_key(&cfg->sections, "failures", 8);
	const pm_section *sec = pm_doc_section(doc, failures);
	if (!sec)
		return; /* section-missing (when required) says it all */
	for (size_t i = 0; i < doc->ncategories; i++) {
		const pm_category *cat = &doc->categories[i];
		bool in_list = false;
		if (cat->key < 0) {
			report(c, cat->line, cat->column, PM_RULE_CATEGORY_UNKNOWN,
			       "'### %s' is not a known failure category", cat->title);
			continue;
		}
		if (cat->duplicate) {
			report(c, cat->line, cat->column, PM_RULE_SECTION_DUPLICATE,
			       "failure category '%s' has two subsections (first on line %d)",
			       cfg->categories.items[cat->key].key, cat->first_line);
			continue;
		}
		for (size_t j = 0; j < listed->count; j++)
			in_list = in_list || listed->keys[j] == cat->key;
		if (list_valid && !in_list)
			report(c, cat->line, cat->column, PM_RULE_CATEGORY_UNLISTED,
			       "subsection '%s' is not listed in failure_categories (add '%s')", cat->title,
			       cfg->categories.items[cat->key].key);
	}
	/* An invalid list is that field's diagnostic alone. */
	for (size_t j = 0; list_valid && j < listed->count; j++) {
		const pm_category *found = NULL;
		for (size_t i = 0; i < doc->ncategories && !found; i++)
			if (doc->categories[i].key == listed->keys[j] && !doc->categories[i].duplicate)
				found = &doc->categories[i];
		if (!found) {
			char *markup = heading_markup(c, &cfg->categories.items[listed->keys[j]]);
			report(c, listed->nodes[j]->line, listed->nodes[j]->column, PM_RULE_CATEGORY_MISSING,
			       "failure category '%s' has no subsection (### %s) under '%s'",
			       cfg->categories.items[listed->keys[j]].key, markup,
			       title_of(c, &cfg->sections.items[failures]));
			free(markup);
		} else if (found->empty)
			report(c, found->line, found->column, PM_RULE_CATEGORY_MISSING,
			       "failure category '%s' has an empty subsection", cfg->categories.items[listed->keys[j]].key);
	}
}

static void check_timeline(checker *c)
{
	const pm_doc *doc = c->doc;
	bool have_date = c->has_date, have_prev = false;
	pm_date last_date = c->date;
	int last_offset = 0;
	int64_t prev = 0;
	int prev_line = 0;
	for (size_t i = 0; i < doc->ntimeline; i++) {
		const pm_timeline_entry *e = &doc->timeline[i];
		pm_date date;
		int offset;
		int64_t t;
		if (e->status == PM_TL_NONE) {
			report(c, e->line, e->column, PM_RULE_TIMELINE_TIME_INVALID,
			       "timeline entry does not start with a time (HH:MM or YYYY-MM-DD HH:MM)");
			continue;
		}
		if (e->status == PM_TL_INVALID) {
			report(c, e->line, e->column, PM_RULE_TIMELINE_TIME_INVALID,
			       "timeline entry starts with an impossible date or time");
			continue;
		}
		if (!e->time.has_date && !have_date) {
			report(c, e->line, e->column, PM_RULE_TIMELINE_TIME_INVALID,
			       "timeline time has no date: give 'date' in the front matter or write YYYY-MM-DD HH:MM");
			continue;
		}
		date = e->time.has_date ? e->time.date : last_date;
		offset = e->time.has_offset ? e->time.offset_minutes : last_offset;
		t = pm_date_days(date) * 86400 + e->time.hour * 3600 + e->time.minute * 60 + e->time.second -
		    (int64_t)offset * 60;
		if (have_prev && t < prev)
			report(c, e->line, e->column, PM_RULE_TIMELINE_ORDER,
			       "timeline entry is earlier than the one before it (line %d)", prev_line);
		have_prev = true;
		prev = t;
		prev_line = e->line;
		last_date = date;
		have_date = true;
		last_offset = offset;
	}
}

static void check_actions(checker *c)
{
	static const char *const known[] = {"owner", "due", "type", "ticket", NULL};
	const pm_doc *doc = c->doc;
	for (size_t i = 0; i < doc->nactions; i++) {
		const pm_action *a = &doc->actions[i];
		const pm_action_field *owner = pm_action_field_get(a, "owner");
		const pm_action_field *due = pm_action_field_get(a, "due");
		const pm_action_field *type = pm_action_field_get(a, "type");
		pm_date d;
		if (a->box == PM_BOX_MISSING)
			report(c, a->line, a->column, PM_RULE_ACTION_CHECKBOX_MISSING,
			       "action item %d '%s' has no checkbox: start it with '[ ]' (open) or '[x]' (done)",
			       a->number, a->title);
		for (size_t f = 0; f < a->nfields; f++) {
			bool ok = false;
			for (size_t k = 0; known[k]; k++)
				ok = ok || strcmp(a->fields[f].key, known[k]) == 0;
			if (!ok)
				report(c, a->fields[f].line, a->fields[f].column, PM_RULE_ACTION_FIELD_UNKNOWN,
				       "unknown action item field '%s' (known: owner, due, type, ticket)",
				       a->fields[f].key);
		}
		if (!owner)
			report(c, a->line, a->column, PM_RULE_ACTION_OWNER_MISSING,
			       "action item %d '%s' has no owner (- owner: @name)", a->number, a->title);
		if (!due && a->box != PM_BOX_DONE)
			report(c, a->line, a->column, PM_RULE_ACTION_DUE_MISSING,
			       "open action item %d '%s' has no due date (- due: YYYY-MM-DD)", a->number, a->title);
		if (due && !pm_date_parse(due->value, strlen(due->value), &d))
			report(c, due->line, due->column, PM_RULE_ACTION_DUE_INVALID,
			       "due date '%s' is not a real date written YYYY-MM-DD", due->value);
		if (type && pm_strlist_find_icase(&c->cfg->action_types, type->value) < 0) {
			pm_buf list = {0};
			join_list(&list, &c->cfg->action_types);
			report(c, type->line, type->column, PM_RULE_ACTION_TYPE_UNKNOWN,
			       "unknown action item type '%s' (known: %s)", type->value, list.data);
			pm_buf_free(&list);
		}
	}
}

static void check_filename_date(checker *c, const pm_ynode *date_node)
{
	pm_date from_name;
	const char *id = c->doc->id;
	if (!c->has_date || strlen(id) < 10 || !pm_date_parse(id, 10, &from_name))
		return;
	if (pm_date_compare(from_name, c->date) != 0)
		report_at(c, date_node, PM_RULE_FILENAME_DATE_MISMATCH,
			  "the file name starts with %.10s but 'date' is %s", id, date_node->value);
}

static void check_id(checker *c, const pm_idset *ids)
{
	size_t first, n = pm_idset_find(ids, c->doc->id, &first);
	if (n < 2)
		return;
	for (size_t i = first; i < first + n; i++) {
		if (strcmp(ids->items[i].path, c->doc->path) == 0)
			continue;
		report(c, 1, 1, PM_RULE_ID_DUPLICATE, "another document has the id '%s': %s", c->doc->id,
		       ids->items[i].path);
		break;
	}
}

void pm_rules_check(const pm_config *cfg, const pm_doc *doc, const pm_idset *ids, pm_diags *diags)
{
	checker c;
	const pm_ynode *status_node, *date_node;
	const char *status;
	category_list listed = {0};
	long ncat;
	int customer, breach;

	if (doc->state != PM_DOC_OK)
		return;
	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.doc = doc;
	c.diags = diags;

	(void)text_field(&c, "title", true, "\"Database failover\"");
	date_node = text_field(&c, "date", true, "YYYY-MM-DD");
	if (date_node) {
		c.has_date = pm_date_parse(date_node->value, date_node->len, &c.date);
		if (!c.has_date)
			report_at(&c, date_node, PM_RULE_FIELD_INVALID,
				  "'date' must be a real calendar date written YYYY-MM-DD, not '%s'", date_node->value);
	}
	status = one_of(&c, "status", &cfg->statuses);
	c.draft = pm_config_is_draft(cfg, status);
	(void)one_of(&c, "severity", &cfg->severities);
	customer = bool_field(&c, "customer_impact");
	breach = bool_field(&c, "data_breach");
	c.full = customer == 1 || breach == 1;
	(void)list_field(&c, "authors", true, "[\"Alice\"]", NULL, NULL);
	ncat = list_field(&c, "failure_categories", !c.draft, "[technical]", category_item, &listed);
	status_node = text_field(&c, "lang", false, "");
	if (status_node && !pm_lang_tag_valid(status_node->value))
		report_at(&c, status_node, PM_RULE_FIELD_INVALID,
			  "'lang' must be a language tag such as en, de or fr-CA, not '%s'", status_node->value);
	c.lang = status_node && pm_lang_tag_valid(status_node->value) ? status_node->value : cfg->default_lang;
	(void)text_field(&c, "incident", false, "");
	(void)list_field(&c, "services", false, "", NULL, NULL);
	(void)list_field(&c, "tags", false, "", NULL, NULL);
	check_times(&c);
	if (list_field(&c, "actors", false, "", NULL, NULL) == -1 && breach == 1)
		report_at(&c, pm_ymap_get(doc->fm, "data_breach"), PM_RULE_ACTORS_MISSING,
			  "a data breach should name the actors involved, if known (actors: [...])");
	(void)list_field(&c, "related", false, "", ids ? related_item : NULL, (void *)ids);
	if (date_node && c.has_date)
		check_filename_date(&c, date_node);
	if (ids)
		check_id(&c, ids);

	check_sections(&c);
	check_categories(&c, &listed, ncat >= 0);
	check_timeline(&c);
	check_actions(&c);
	free(listed.keys);
	free(listed.nodes);
}
