#include "postmortem/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "postmortem/diag.h"
#include "postmortem/text.h"
#include "postmortem/yaml.h"

static int compare_titles(const void *a, const void *b)
{
	return strcmp(((const pm_title_entry *)a)->norm, ((const pm_title_entry *)b)->norm);
}

static int compare_keys(const void *a, const void *b)
{
	return strcasecmp(((const pm_key_entry *)a)->key, ((const pm_key_entry *)b)->key);
}

static void heading_set_sort(pm_heading_set *set)
{
	if (!set->sorted) {
		if (set->ntitles > 1)
			qsort(set->titles, set->ntitles, sizeof(*set->titles), compare_titles);
		free(set->keys);
		set->keys = pm_xcalloc(set->count, sizeof(*set->keys));
		for (size_t i = 0; i < set->count; i++) {
			set->keys[i].key = set->items[i].key;
			set->keys[i].index = i;
		}
		if (set->count > 1)
			qsort(set->keys, set->count, sizeof(*set->keys), compare_keys);
		set->sorted = true;
	}
}

/* The len bytes at key against a whole key, in the order of compare_keys
 * (a key that the bytes only begin comes after them). */
static int compare_key_bytes(const char *key, size_t len, const char *whole)
{
	int r = strncasecmp(key, whole, len);
	return r ? r : whole[len] ? -1 : 0;
}

long pm_heading_find_key(const pm_heading_set *set, const char *key, size_t len)
{
	size_t lo = 0, hi = set->count;
	/* Bytes that hold a NUL match no key. */
	if (memchr(key, '\0', len))
		return -1;
	if (!set->sorted) {
		for (size_t i = 0; i < set->count; i++)
			if (compare_key_bytes(key, len, set->items[i].key) == 0)
				return (long)i;
		return -1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = compare_key_bytes(key, len, set->keys[mid].key);
		if (r == 0)
			return (long)set->keys[mid].index;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

long pm_heading_find_title(const pm_heading_set *set, const char *norm)
{
	pm_title_entry probe = {(char *)norm, 0};
	const pm_title_entry *hit;
	if (!set->sorted || !norm || !set->ntitles)
		return -1;
	hit = bsearch(&probe, set->titles, set->ntitles, sizeof(*set->titles), compare_titles);
	return hit ? (long)hit->index : -1;
}

const char *pm_heading_title(const pm_heading_def *def, const char *lang)
{
	size_t primary = lang ? strcspn(lang, "-_") : 0;
	if (!lang)
		return def->display;
	for (size_t i = 0; i < def->title_langs.count; i++)
		if (strcasecmp(def->title_langs.items[i], lang) == 0)
			return def->lang_titles.items[i];
	for (size_t i = 0; i < def->title_langs.count; i++)
		if (strlen(def->title_langs.items[i]) == primary &&
		    strncasecmp(def->title_langs.items[i], lang, primary) == 0)
			return def->lang_titles.items[i];
	return def->display;
}

/* Remembers the first title of a language, the one a template writes.
 * seen, when given, holds the definition's languages (a definition read
 * from the configuration may have thousands); else they are compared one
 * by one (the built-in tables have six). */
static void add_lang_title(pm_heading_def *def, pm_strmap *seen, const char *lang, const char *title, size_t len)
{
	if (seen ? pm_strmap_put(seen, lang, strlen(lang), 0) >= 0 : pm_strlist_has(&def->title_langs, lang))
		return;
	pm_strlist_add(&def->title_langs, lang);
	pm_strlist_add_owned(&def->lang_titles, pm_xstrndup(title, len));
}

/* While a heading set is read from the configuration: its titles and its
 * keys (lower-cased), hashed, so that a file of thousands of categories
 * is read in linear time rather than by comparing every pair. */
typedef struct {
	pm_strmap titles;  /* normalised title -> definition index */
	pm_strmap keys;    /* lower-cased key -> definition index */
	pm_strlist lower;  /* the lower-cased keys, which keys points into */
} set_index;

static const char *lower_key(set_index *ix, const char *key)
{
	char *low = pm_xstrdup(key);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	pm_strlist_add_owned(&ix->lower, low);
	return low;
}

static void set_index_add_key(set_index *ix, const char *key, size_t index)
{
	const char *low = lower_key(ix, key);
	pm_strmap_put(&ix->keys, low, strlen(low), (long)index);
}

static long set_index_find_key(set_index *ix, const char *key)
{
	const char *low = lower_key(ix, key);
	return pm_strmap_get(&ix->keys, low, strlen(low));
}

static void set_index_init(set_index *ix, const pm_heading_set *set)
{
	memset(ix, 0, sizeof(*ix));
	for (size_t i = 0; i < set->count; i++)
		set_index_add_key(ix, set->items[i].key, i);
	for (size_t i = 0; i < set->ntitles; i++)
		pm_strmap_put(&ix->titles, set->titles[i].norm, strlen(set->titles[i].norm),
			      (long)set->titles[i].index);
}

static void set_index_clear(set_index *ix)
{
	pm_strmap_clear(&ix->titles);
	pm_strmap_clear(&ix->keys);
	pm_strlist_clear(&ix->lower);
}

/* Registers a title for definition `index` (through ix when given, else
 * by comparing with each title: the built-in tables are small). Returns
 * the index of another definition that already owns the title, or -1. */
static long add_title(pm_heading_set *set, set_index *ix, size_t index, const char *title, size_t len)
{
	char *norm = pm_title_key(title, len);
	long owner = -1;
	if (!norm || !*norm) {
		free(norm);
		return -1;
	}
	if (ix) {
		owner = pm_strmap_get(&ix->titles, norm, strlen(norm));
	} else {
		for (size_t i = 0; i < set->ntitles && owner < 0; i++)
			if (strcmp(set->titles[i].norm, norm) == 0)
				owner = (long)set->titles[i].index;
	}
	if (owner >= 0) {
		free(norm);
		return owner == (long)index ? -1 : owner;
	}
	if (ix)
		pm_strmap_put(&ix->titles, norm, strlen(norm), (long)index);
	pm_grow(&set->titles, &set->titles_cap, set->ntitles + 1, sizeof(*set->titles));
	set->titles[set->ntitles].norm = norm;
	set->titles[set->ntitles].index = index;
	set->ntitles++;
	set->sorted = false;
	return -1;
}

static size_t add_def(pm_heading_set *set, const char *key, pm_required required)
{
	pm_heading_def *def;
	pm_grow(&set->items, &set->cap, set->count + 1, sizeof(*set->items));
	def = &set->items[set->count];
	def->key = pm_xstrdup(key);
	def->required = required;
	def->display = NULL;
	/* The key index is made again when the set is sorted. */
	set->sorted = false;
	memset(&def->title_langs, 0, sizeof(def->title_langs));
	memset(&def->lang_titles, 0, sizeof(def->lang_titles));
	return set->count++;
}

static void heading_set_clear(pm_heading_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->items[i].key);
		free(set->items[i].display);
		pm_strlist_clear(&set->items[i].title_langs);
		pm_strlist_clear(&set->items[i].lang_titles);
	}
	for (size_t i = 0; i < set->ntitles; i++)
		free(set->titles[i].norm);
	free(set->items);
	free(set->titles);
	free(set->keys);
	memset(set, 0, sizeof(*set));
}

static void add_lang(pm_config *cfg, const char *lang)
{
	if (!pm_strlist_has(&cfg->langs, lang))
		pm_strlist_add(&cfg->langs, lang);
}

static void load_builtin(pm_config *cfg, pm_heading_set *set, const pm_builtin_heading *table,
			 size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t index = add_def(set, table[i].key, table[i].required);
		for (size_t l = 0; l < PM_LANG_COUNT; l++) {
			const char *p = table[i].titles[l];
			add_lang(cfg, pm_builtin_langs[l]);
			while (*p) {
				const char *end = strstr(p, "; ");
				size_t len = end ? (size_t)(end - p) : strlen(p);
				if (!set->items[index].display)
					set->items[index].display = pm_xstrndup(p, len);
				add_lang_title(&set->items[index], NULL, pm_builtin_langs[l], p, len);
				add_title(set, NULL, index, p, len);
				p += len;
				if (end)
					p += 2;
			}
		}
	}
	heading_set_sort(set);
}

void pm_config_init(pm_config *cfg)
{
	static const char *const severities[] = {"SEV1", "SEV2", "SEV3", "SEV4"};
	static const char *const statuses[] = {"draft", "review", "final"};
	static const char *const types[] = {"bug", "change-request", "process", "sop"};
	static const char *const exclude[] = {"README.md", "ACTIONS.md", "templates/**"};
	memset(cfg, 0, sizeof(*cfg));
	cfg->directory = pm_xstrdup("postmortems");
	cfg->default_lang = pm_xstrdup("en");
	for (size_t i = 0; i < 4; i++)
		pm_strlist_add(&cfg->severities, severities[i]);
	for (size_t i = 0; i < 3; i++)
		pm_strlist_add(&cfg->statuses, statuses[i]);
	for (size_t i = 0; i < 4; i++)
		pm_strlist_add(&cfg->action_types, types[i]);
	for (size_t i = 0; i < 3; i++)
		pm_strlist_add(&cfg->exclude, exclude[i]);
	load_builtin(cfg, &cfg->sections, pm_builtin_sections, pm_builtin_section_count);
	load_builtin(cfg, &cfg->categories, pm_builtin_categories, pm_builtin_category_count);
}

void pm_config_free(pm_config *cfg)
{
	free(cfg->directory);
	free(cfg->default_lang);
	pm_strlist_clear(&cfg->severities);
	pm_strlist_clear(&cfg->statuses);
	pm_strlist_clear(&cfg->action_types);
	pm_strlist_clear(&cfg->exclude);
	pm_strlist_clear(&cfg->langs);
	heading_set_clear(&cfg->sections);
	heading_set_clear(&cfg->categories);
}

bool pm_config_is_draft(const pm_config *cfg, const char *status)
{
	return status && cfg->statuses.count && strcmp(cfg->statuses.items[0], status) == 0;
}

/* ---- loading ---- */

/* Copies src into dst, cut on a character boundary if it must be cut. */
static void copy_utf8(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);
	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int fail(pm_config_error *err, const pm_ynode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(pm_config_error *err, const pm_ynode *node, const char *fmt, ...)
{
	va_list ap;
	char *raw;
	pm_buf msg = {0};
	err->line = node ? node->line : 1;
	err->column = node ? node->column : 1;
	va_start(ap, fmt);
	pm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	raw = pm_sanitize(msg.data ? msg.data : "", msg.len);
	copy_utf8(err->message, sizeof(err->message), raw);
	free(raw);
	pm_buf_free(&msg);
	return -1;
}

static bool is_text(const pm_ynode *node)
{
	return node && node->type == PM_Y_SCALAR && !pm_ynode_is_null(node) &&
	       strlen(node->value) == node->len;
}

/* A key or language tag: letters, digits, '-' and '_'. */
static bool is_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

static int load_string(char **out, const pm_ynode *node, const char *key, pm_config_error *err)
{
	if (!is_text(node))
		return fail(err, node, "'%s' must be a non-empty string", key);
	free(*out);
	*out = pm_xstrdup(node->value);
	return 0;
}

/* A list of non-empty strings; a single string is a list of one. */
static int load_list(pm_strlist *out, const pm_ynode *node, const char *key, bool allow_empty,
		     pm_config_error *err)
{
	pm_strlist list = {0};
	pm_strmap seen = {0};
	if (node->type == PM_Y_SCALAR && pm_ynode_is_null(node)) {
		if (!allow_empty)
			return fail(err, node, "'%s' must list at least one value", key);
	} else if (node->type == PM_Y_SCALAR) {
		pm_strlist_add(&list, node->value);
	} else if (node->type == PM_Y_SEQ) {
		for (size_t i = 0; i < node->count; i++) {
			const pm_ynode *item = node->children[i];
			if (!is_text(item)) {
				pm_strlist_clear(&list);
				pm_strmap_clear(&seen);
				return fail(err, item, "'%s' must be a list of non-empty strings", key);
			}
			if (pm_strmap_put(&seen, item->value, item->len, (long)i) >= 0) {
				pm_strlist_clear(&list);
				pm_strmap_clear(&seen);
				return fail(err, item, "'%s' lists '%s' twice", key, item->value);
			}
			pm_strlist_add(&list, item->value);
		}
		pm_strmap_clear(&seen);
		if (!list.count && !allow_empty)
			return fail(err, node, "'%s' must list at least one value", key);
	} else {
		return fail(err, node, "'%s' must be a list of strings", key);
	}
	pm_strlist_clear(out);
	*out = list;
	return 0;
}

static int load_directory(pm_config *cfg, const pm_ynode *node, pm_config_error *err)
{
	const char *p;
	if (load_string(&cfg->directory, node, "directory", err))
		return -1;
	p = cfg->directory;
	/* `new` prints paths in it for scripts to read: one clean line. */
	for (const char *c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || ((unsigned char)*c == 0xc2 && (unsigned char)c[1] < 0xa0 &&
								 (unsigned char)c[1] >= 0x80))
			return fail(err, node, "'directory' must not hold control characters");
	if (*p == '/')
		return fail(err, node, "'directory' must be relative to the repository");
	/* Containment: the directory stays inside the work tree. */
	while (*p) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return fail(err, node, "'directory' must not leave the repository (no '..')");
		/* Documents in .git could never be committed. */
		if (len == 4 && strncmp(p, ".git", 4) == 0)
			return fail(err, node, "'directory' must not be inside .git");
		p += len;
		while (*p == '/')
			p++;
	}
	/* "./postmortems/" and "postmortems" are one directory; "." is the
	 * top of the work tree. */
	{
		pm_buf norm = {0};
		for (p = cfg->directory; *p;) {
			size_t len = strcspn(p, "/");
			if (len && !(len == 1 && p[0] == '.')) {
				if (norm.len)
					pm_buf_addc(&norm, '/');
				pm_buf_add(&norm, p, len);
			}
			p += len;
			while (*p == '/')
				p++;
		}
		free(cfg->directory);
		cfg->directory = norm.len ? pm_buf_detach(&norm) : pm_xstrdup(".");
		pm_buf_free(&norm);
	}
	return 0;
}

/* titles: {LANG: TITLE or [TITLE...]} */
static int load_titles(pm_config *cfg, pm_heading_set *set, set_index *ix, size_t index, const pm_ynode *node,
		       bool first_replaces_display, pm_config_error *err)
{
	bool display_is_en = false;
	pm_strmap langs = {0};
	const pm_strlist *had = &set->items[index].title_langs;
	int rc = -1;
	if (node->type != PM_Y_MAP)
		return fail(err, node, "'titles' must map languages to titles, as in {en: Summary}");
	for (size_t i = 0; i < had->count; i++)
		pm_strmap_put(&langs, had->items[i], strlen(had->items[i]), 0);
	for (size_t i = 0; i + 1 < node->count; i += 2) {
		const pm_ynode *lang = node->children[i];
		const pm_ynode *value = node->children[i + 1];
		const pm_ynode *single[1] = {value};
		const pm_ynode *const *titles = single;
		size_t n = 1;
		if (lang->type != PM_Y_SCALAR || !is_word(lang->value)) {
			fail(err, lang, "a language must be a tag such as en or fr-CA");
			goto done;
		}
		if (value->type == PM_Y_SEQ) {
			titles = (const pm_ynode *const *)value->children;
			n = value->count;
		}
		/* Repeats are removed once the whole file is read. */
		pm_strlist_add(&cfg->langs, lang->value);
		for (size_t t = 0; t < n; t++) {
			long other;
			if (!is_text(titles[t])) {
				fail(err, titles[t], "a title must be a non-empty string");
				goto done;
			}
			other = add_title(set, ix, index, titles[t]->value, titles[t]->len);
			add_lang_title(&set->items[index], &langs, lang->value, titles[t]->value, titles[t]->len);
			if (other >= 0) {
				fail(err, titles[t], "the title '%s' already belongs to '%s'", titles[t]->value,
				     set->items[other].key);
				goto done;
			}
			/* Messages name a new heading by its first English title. */
			if (first_replaces_display && (!set->items[index].display ||
						       (strcmp(lang->value, "en") == 0 && !display_is_en))) {
				free(set->items[index].display);
				set->items[index].display = pm_xstrdup(titles[t]->value);
				display_is_en = strcmp(lang->value, "en") == 0;
			}
		}
	}
	/* Sorted once the whole list is read, by the caller. */
	set->sorted = false;
	rc = 0;
done:
	pm_strmap_clear(&langs);
	return rc;
}

static int check_keys(const pm_ynode *map, const char *const *known, const char *what,
		      pm_config_error *err)
{
	for (size_t i = 0; i + 1 < map->count; i += 2) {
		const pm_ynode *k = map->children[i];
		bool ok = false;
		for (size_t j = 0; known[j]; j++)
			if (k->type == PM_Y_SCALAR && strcmp(k->value, known[j]) == 0)
				ok = true;
		if (!ok)
			return fail(err, k, "unknown key '%s' in %s",
				    k->type == PM_Y_SCALAR ? k->value : "(complex key)", what);
	}
	return 0;
}

static int load_categories(pm_config *cfg, const pm_ynode *node, pm_config_error *err)
{
	static const char *const known[] = {"key", "titles", NULL};
	set_index ix;
	int rc = -1;
	if (node->type != PM_Y_SEQ || node->count == 0)
		return fail(err, node, "'categories' must be a non-empty list of {key, titles}");
	/* Given categories replace the defaults. */
	heading_set_clear(&cfg->categories);
	set_index_init(&ix, &cfg->categories);
	for (size_t i = 0; i < node->count; i++) {
		const pm_ynode *item = node->children[i];
		const pm_ynode *key, *titles;
		size_t index;
		if (item->type != PM_Y_MAP) {
			fail(err, item, "each category must be a mapping with 'key' and 'titles'");
			goto done;
		}
		if (check_keys(item, known, "a category", err))
			goto done;
		key = pm_ymap_get(item, "key");
		if (!is_text(key) || !is_word(key->value)) {
			fail(err, key ? key : item, "a category needs a 'key' of letters, digits, '-' and '_'");
			goto done;
		}
		if (set_index_find_key(&ix, key->value) >= 0) {
			fail(err, key, "category '%s' is defined twice", key->value);
			goto done;
		}
		index = add_def(&cfg->categories, key->value, PM_REQ_NO);
		set_index_add_key(&ix, key->value, index);
		titles = pm_ymap_get(item, "titles");
		if (titles && load_titles(cfg, &cfg->categories, &ix, index, titles, true, err))
			goto done;
		if (!cfg->categories.items[index].display)
			cfg->categories.items[index].display = pm_xstrdup(key->value);
	}
	rc = 0;
done:
	heading_set_sort(&cfg->categories);
	set_index_clear(&ix);
	return rc;
}

static int load_sections(pm_config *cfg, const pm_ynode *node, pm_config_error *err)
{
	static const char *const known[] = {"key", "titles", "required", NULL};
	set_index ix;
	int rc = -1;
	if (node->type != PM_Y_SEQ)
		return fail(err, node, "'sections' must be a list of {key, titles, required}");
	set_index_init(&ix, &cfg->sections);
	for (size_t i = 0; i < node->count; i++) {
		const pm_ynode *item = node->children[i];
		const pm_ynode *key, *titles, *required;
		long found;
		size_t index;
		bool added = false;
		if (item->type != PM_Y_MAP) {
			fail(err, item, "each section must be a mapping with 'key', 'titles' and 'required'");
			goto done;
		}
		if (check_keys(item, known, "a section", err))
			goto done;
		key = pm_ymap_get(item, "key");
		if (!is_text(key) || !is_word(key->value)) {
			fail(err, key ? key : item, "a section needs a 'key' of letters, digits, '-' and '_'");
			goto done;
		}
		found = set_index_find_key(&ix, key->value);
		if (found >= 0) {
			index = (size_t)found;
		} else {
			/* A section declared in the configuration is there to be
			 * checked: required unless it says otherwise. */
			index = add_def(&cfg->sections, key->value, PM_REQ_ALWAYS);
			set_index_add_key(&ix, key->value, index);
			added = true;
		}
		required = pm_ymap_get(item, "required");
		if (required) {
			const char *v = required->type == PM_Y_SCALAR ? required->value : "";
			if (strcmp(v, "always") == 0)
				cfg->sections.items[index].required = PM_REQ_ALWAYS;
			else if (strcmp(v, "full") == 0)
				cfg->sections.items[index].required = PM_REQ_FULL;
			else if (strcmp(v, "no") == 0)
				cfg->sections.items[index].required = PM_REQ_NO;
			else {
				fail(err, required, "'required' must be always, full or no");
				goto done;
			}
		}
		titles = pm_ymap_get(item, "titles");
		if (titles && load_titles(cfg, &cfg->sections, &ix, index, titles, added, err))
			goto done;
		if (!cfg->sections.items[index].display)
			cfg->sections.items[index].display = pm_xstrdup(key->value);
	}
	rc = 0;
done:
	heading_set_sort(&cfg->sections);
	set_index_clear(&ix);
	return rc;
}

/* Removes repeats from list, keeping the first of each. */
static void dedupe(pm_strlist *list)
{
	pm_strmap seen = {0};
	size_t kept = 0;
	for (size_t i = 0; i < list->count; i++) {
		char *s = list->items[i];
		if (pm_strmap_put(&seen, s, strlen(s), (long)i) >= 0)
			free(s);
		else
			list->items[kept++] = s;
	}
	list->count = kept;
	pm_strmap_clear(&seen);
}

int pm_config_load(pm_config *cfg, const char *buf, size_t len, pm_config_error *err)
{
	static const char *const known[] = {"directory", "default_lang", "severities", "statuses",
					    "action_types", "exclude", "categories", "sections", NULL};
	pm_ynode *root = NULL;
	pm_yaml_dups dups = {0};
	pm_yaml_error yerr;
	size_t bad;
	int rc = -1;

	memset(err, 0, sizeof(*err));
	if (!pm_utf8_valid(buf, len, &bad) || memchr(buf, '\0', len)) {
		err->line = 1;
		err->column = 1;
		snprintf(err->message, sizeof(err->message), "not UTF-8 text");
		return -1;
	}
	if (pm_yaml_parse(&root, buf, len, 1, &dups, &yerr)) {
		err->line = yerr.line;
		err->column = yerr.column;
		snprintf(err->message, sizeof(err->message), "%s", yerr.message);
		pm_yaml_dups_clear(&dups);
		return -1;
	}
	if (dups.count) {
		pm_ynode at = {.line = dups.items[0].line, .column = dups.items[0].column};
		fail(err, &at, "duplicate key '%s' (first on line %d)", dups.items[0].key, dups.items[0].first_line);
		goto done;
	}
	if (!root || pm_ynode_is_null(root)) {
		rc = 0; /* an empty file: the defaults */
		goto done;
	}
	if (root->type != PM_Y_MAP) {
		fail(err, root, "the configuration must be a mapping of keys to values");
		goto done;
	}
	if (check_keys(root, known, "the configuration", err))
		goto done;
	for (size_t i = 0; i + 1 < root->count; i += 2) {
		const char *key = root->children[i]->value;
		const pm_ynode *value = root->children[i + 1];
		int r = 0;
		if (strcmp(key, "directory") == 0)
			r = load_directory(cfg, value, err);
		else if (strcmp(key, "default_lang") == 0) {
			r = load_string(&cfg->default_lang, value, key, err);
			if (!r && !is_word(cfg->default_lang))
				r = fail(err, value, "'default_lang' must be a language tag such as en or de");
		} else if (strcmp(key, "severities") == 0)
			r = load_list(&cfg->severities, value, key, false, err);
		else if (strcmp(key, "statuses") == 0)
			r = load_list(&cfg->statuses, value, key, false, err);
		else if (strcmp(key, "action_types") == 0)
			r = load_list(&cfg->action_types, value, key, false, err);
		else if (strcmp(key, "exclude") == 0)
			r = load_list(&cfg->exclude, value, key, true, err);
		else if (strcmp(key, "categories") == 0)
			r = load_categories(cfg, value, err);
		else if (strcmp(key, "sections") == 0)
			r = load_sections(cfg, value, err);
		if (r)
			goto done;
	}
	dedupe(&cfg->langs);
	rc = 0;
done:
	pm_ynode_free(root);
	pm_yaml_dups_clear(&dups);
	return rc;
}
