/* The parsed document: front matter, sections, failure categories,
 * timeline entries and action items, each with its place in the file. */
#ifndef POSTMORTEM_DOC_H
#define POSTMORTEM_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/ptime.h"
#include "postmortem/yaml.h"

#define PM_MAX_FILE_SIZE (16u * 1024 * 1024)
#define PM_MAX_FRONTMATTER (64u * 1024)

typedef struct {
	long key; /* index in cfg->sections, or -1 for a free section */
	int line, column;
	bool empty;
	bool duplicate; /* a later heading of a key already seen */
	int first_line; /* of the first heading of the key, for a duplicate */
} pm_section;

typedef struct {
	long key;    /* index in cfg->categories, or -1: unknown */
	char *title; /* the heading's text, for messages */
	int line, column;
	bool empty;
	bool duplicate;
	int first_line;
} pm_category;

typedef struct {
	int line, column;
	pm_tl_status status;
	pm_tl_time time;
} pm_timeline_entry;

typedef struct {
	char *key; /* lower-cased */
	char *value;
	int line, column;
} pm_action_field;

typedef enum { PM_BOX_OPEN, PM_BOX_DONE, PM_BOX_MISSING } pm_box;

typedef struct {
	int number; /* from 1, down the list */
	char *title;
	int line, column; /* the item's list marker */
	pm_box box;
	/* Byte offset in the file of the character between [ and ], or 0
	 * when the file does not spell the box as plain "[ ]", "[x]" or
	 * "[X]" (inside markup, across a line break). */
	size_t box_offset;
	pm_action_field *fields;
	size_t nfields, fields_cap;
} pm_action;

typedef enum {
	PM_DOC_OK,
	PM_DOC_FILE_INVALID,
	PM_DOC_FM_MISSING,
	PM_DOC_FM_UNTERMINATED,
	PM_DOC_FM_INVALID
} pm_doc_state;

typedef struct {
	char *path; /* as shown in diagnostics */
	char *id;   /* file name without .md */
	pm_doc_state state;
	pm_ynode *fm; /* the front matter mapping (state OK) */
	int fm_line;  /* line of the opening --- */
	pm_yaml_dups dups;

	pm_section *sections;
	size_t nsections, sections_cap;
	pm_category *categories;
	size_t ncategories, categories_cap;
	pm_timeline_entry *timeline;
	size_t ntimeline, timeline_cap;
	pm_action *actions;
	size_t nactions, actions_cap;
} pm_doc;

/* Where a front matter is (contract 3.1): after an optional BOM, a first
 * line "---", up to the next line that is "---" or "..." (trailing spaces
 * and tabs allowed). */
typedef struct {
	size_t open;    /* offset of the opening "---", after a BOM */
	size_t start;   /* first byte of the YAML */
	size_t close;   /* offset of the closing line, where the YAML ends */
	int close_line; /* its line number */
} pm_fm_bounds;

/* Returns PM_DOC_OK with *out filled, PM_DOC_FM_MISSING (out->open still
 * set) or PM_DOC_FM_UNTERMINATED. */
pm_doc_state pm_frontmatter_find(const char *buf, size_t len, pm_fm_bounds *out);

/* The file name without .md and without folders. */
char *pm_doc_id_from_path(const char *path);

/* Parses buf (the whole file) into doc. Problems that stop the parse
 * (file-invalid, frontmatter-*) are added to diags and recorded in
 * doc->state; everything else is for pm_rules_check. */
void pm_doc_parse(pm_doc *doc, const pm_config *cfg, const char *path, const char *buf, size_t len,
		  pm_diags *diags);
void pm_doc_free(pm_doc *doc);

/* The field that counts for key (lower-case): the first with a non-empty
 * value (contract 3.5), or NULL. */
const pm_action_field *pm_action_field_get(const pm_action *action, const char *key);

/* First pm_section with this key that is not a duplicate, or NULL. */
const pm_section *pm_doc_section(const pm_doc *doc, long key);

#endif
