/* The rules of contract section 4, applied to a parsed document. */
#ifndef POSTMORTEM_RULES_H
#define POSTMORTEM_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/doc.h"

/* Every document id of a repository (or of a folder), with its path, for
 * the cross-document rules. An id may appear more than once. */
typedef struct {
	char *id;
	char *path;
} pm_id_entry;

typedef struct {
	pm_id_entry *items;
	size_t count, cap;
	bool sorted;
} pm_idset;

void pm_idset_add(pm_idset *set, const char *path);
/* Sorts the set; call once after the last add. */
void pm_idset_finish(pm_idset *set);
/* The entries with this id: *first is the index of the first. */
size_t pm_idset_find(const pm_idset *set, const char *id, size_t *first);
void pm_idset_clear(pm_idset *set);

/* A language tag as the lang field takes it: 2 to 8 letters, then
 * subtags of 1 to 8 letters or digits after '-' (en, de-CH, es-419). */
bool pm_lang_tag_valid(const char *s);

/* Adds the diagnostics of every rule to diags. ids may be NULL: the
 * cross-document rules are then skipped. A document whose parse stopped
 * early (file or front matter problems) gets no further checks. */
void pm_rules_check(const pm_config *cfg, const pm_doc *doc, const pm_idset *ids, pm_diags *diags);

#endif
