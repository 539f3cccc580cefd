/* The configuration: .postmortem.yml over the built-in defaults. */
#ifndef POSTMORTEM_CONFIG_H
#define POSTMORTEM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/titles.h"
#include "postmortem/util.h"

#define PM_CONFIG_FILE ".postmortem.yml"

/* A section or a failure category. */
typedef struct {
	char *key;
	pm_required required;
	char *display; /* the title for messages: the first English one, else any, else the key */
	pm_strlist title_langs; /* per language, its first title: the one templates write */
	pm_strlist lang_titles;
} pm_heading_def;

typedef struct {
	char *norm; /* pm_title_key() of a title */
	size_t index;
} pm_title_entry;

typedef struct {
	const char *key; /* a definition's key (its items[index].key) */
	size_t index;
} pm_key_entry;

/* Keys with their titles, and sorted indexes of every title and every key
 * (a configuration may define thousands, each looked up per heading). */
typedef struct {
	pm_heading_def *items;
	size_t count, cap;
	pm_title_entry *titles;
	size_t ntitles, titles_cap;
	pm_key_entry *keys; /* count of them, once sorted */
	bool sorted;
} pm_heading_set;

/* Index of the definition with this key (ASCII case-insensitive), or -1. */
long pm_heading_find_key(const pm_heading_set *set, const char *key, size_t len);
/* The title of a heading in a language ("de", or "de-CH" falling back to
 * "de"), else its display title. */
const char *pm_heading_title(const pm_heading_def *def, const char *lang);

/* Index of the definition with this normalised title, or -1. */
long pm_heading_find_title(const pm_heading_set *set, const char *norm);

typedef struct {
	char *directory;
	char *default_lang;
	pm_strlist severities;
	pm_strlist statuses; /* the first is the draft status */
	pm_strlist action_types;
	pm_strlist exclude;
	pm_strlist langs; /* every language some title is known in */
	pm_heading_set sections;
	pm_heading_set categories;
} pm_config;

typedef struct {
	int line, column;
	char message[512];
} pm_config_error;

void pm_config_init(pm_config *cfg);
/* Applies the YAML in buf over cfg (which holds the defaults). Returns 0,
 * or -1 with err set: the file is then unusable. */
int pm_config_load(pm_config *cfg, const char *buf, size_t len, pm_config_error *err);
void pm_config_free(pm_config *cfg);

bool pm_config_is_draft(const pm_config *cfg, const char *status);

#endif
