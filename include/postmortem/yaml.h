/* A small YAML tree built from libyaml events, every node with its place.
 *
 * Used for the front matter and for .postmortem.yml. Building from events
 * (not yaml_parser_load) lets duplicate keys, aliases and nesting depth be
 * caught as they stream past, with exact positions. */
#ifndef POSTMORTEM_YAML_H
#define POSTMORTEM_YAML_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { PM_Y_SCALAR, PM_Y_SEQ, PM_Y_MAP } pm_ytype;

typedef struct pm_ynode {
	pm_ytype type;
	int line;   /* 1-based, in the file */
	int column; /* 1-based byte column, in the file */
	/* Scalars: the value (NUL-terminated; may hold NUL from "\0"). */
	char *value;
	size_t len;
	bool plain; /* written without quotes or block style */
	/* Sequences: items. Mappings: keys and values, alternating. */
	struct pm_ynode **children;
	size_t count;
	size_t cap;
} pm_ynode;

/* Whether a node counts as absent: a null, an empty or blank scalar. */
bool pm_ynode_is_null(const pm_ynode *node);
/* The value of key in a mapping, or NULL. */
const pm_ynode *pm_ymap_get(const pm_ynode *map, const char *key);
void pm_ynode_free(pm_ynode *node);

#define PM_YAML_MAX_DEPTH 64

typedef struct {
	int line, column; /* in the file */
	char message[256];
} pm_yaml_error;

/* A key seen twice in one mapping; the first value is kept. */
typedef struct {
	int line, column;
	char *key;
	int first_line;
} pm_yaml_dup;

typedef struct {
	pm_yaml_dup *items;
	size_t count;
	size_t cap;
} pm_yaml_dups;

void pm_yaml_dups_clear(pm_yaml_dups *dups);

/* Parses one YAML document from buf. first_line is the file line of
 * buf's first byte, so that every position is the file's. Returns 0 and
 * the root (NULL for an empty document), or -1 with *err filled: not
 * YAML, an alias, or nesting deeper than PM_YAML_MAX_DEPTH. Duplicate
 * keys are collected into dups (when not NULL) and do not fail. */
int pm_yaml_parse(pm_ynode **out, const char *buf, size_t len, int first_line,
		  pm_yaml_dups *dups, pm_yaml_error *err);

#endif
