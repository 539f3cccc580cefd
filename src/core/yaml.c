#include "postmortem/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "postmortem/text.h"
#include "postmortem/util.h"

bool pm_ynode_is_null(const pm_ynode *node)
{
	if (!node)
		return true;
	if (node->type != PM_Y_SCALAR)
		return false;
	if (pm_is_blank(node->value, node->len))
		return true;
	if (!node->plain)
		return false;
	return strcmp(node->value, "~") == 0 || strcmp(node->value, "null") == 0 ||
	       strcmp(node->value, "Null") == 0 || strcmp(node->value, "NULL") == 0;
}

const pm_ynode *pm_ymap_get(const pm_ynode *map, const char *key)
{
	if (!map || map->type != PM_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->count; i += 2) {
		const pm_ynode *k = map->children[i];
		if (k->type == PM_Y_SCALAR && strcmp(k->value, key) == 0)
			return map->children[i + 1];
	}
	return NULL;
}

void pm_ynode_free(pm_ynode *node)
{
	/* Iterative: a tree is at most PM_YAML_MAX_DEPTH deep, but freeing
	 * without recursion costs nothing. */
	pm_ynode **stack;
	size_t n = 0, cap = 16;
	if (!node)
		return;
	stack = pm_xmalloc(cap * sizeof(*stack));
	stack[n++] = node;
	while (n) {
		pm_ynode *cur = stack[--n];
		pm_grow(&stack, &cap, n + cur->count, sizeof(*stack));
		for (size_t i = 0; i < cur->count; i++)
			stack[n++] = cur->children[i];
		free(cur->children);
		free(cur->value);
		free(cur);
	}
	free(stack);
}

void pm_yaml_dups_clear(pm_yaml_dups *dups)
{
	for (size_t i = 0; i < dups->count; i++)
		free(dups->items[i].key);
	free(dups->items);
	dups->items = NULL;
	dups->count = dups->cap = 0;
}

/* Byte offsets of line starts in buf, to turn libyaml's character
 * columns into byte columns. */
typedef struct {
	const char *buf;
	size_t len;
	size_t *starts;
	size_t count;
	int first_line;
	/* The last place found: events come in order, so the next one on
	 * the same line is found from here, not from the line's start (a
	 * long line of many values would cost its length per value). */
	size_t last_line, last_chars, last_pos;
} line_index;

static void line_index_init(line_index *ix, const char *buf, size_t len, int first_line)
{
	size_t cap = 16;
	ix->buf = buf;
	ix->len = len;
	ix->first_line = first_line;
	ix->starts = pm_xmalloc(cap * sizeof(size_t));
	ix->count = 0;
	ix->starts[ix->count++] = 0;
	ix->last_line = 0;
	ix->last_chars = 0;
	ix->last_pos = 0;
	for (size_t i = 0; i < len; i++) {
		/* libyaml breaks lines at LF, CR LF and a lone CR. */
		bool brk = buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n'));
		if (brk) {
			pm_grow(&ix->starts, &cap, ix->count + 1, sizeof(size_t));
			ix->starts[ix->count++] = i + 1;
		}
	}
}

static void place(line_index *ix, yaml_mark_t mark, int *line, int *column)
{
	size_t l = mark.line < ix->count ? mark.line : ix->count - 1;
	size_t pos = ix->starts[l];
	size_t chars = 0;
	if (l == ix->last_line && mark.column >= ix->last_chars) {
		pos = ix->last_pos;
		chars = ix->last_chars;
	}
	while (chars < mark.column && pos < ix->len && ix->buf[pos] != '\n' && ix->buf[pos] != '\r') {
		size_t n = pm_utf8_char_len(ix->buf + pos, ix->len - pos);
		pos += n ? n : 1;
		chars++;
	}
	ix->last_line = l;
	ix->last_chars = chars;
	ix->last_pos = pos;
	*line = ix->first_line + (int)l;
	*column = (int)(pos - ix->starts[l]) + 1;
}

static pm_ynode *new_node(pm_ytype type, line_index *ix, yaml_mark_t mark)
{
	pm_ynode *node = pm_xcalloc(1, sizeof(*node));
	node->type = type;
	place(ix, mark, &node->line, &node->column);
	return node;
}

static void add_child(pm_ynode *parent, pm_ynode *child)
{
	pm_grow(&parent->children, &parent->cap, parent->count + 1, sizeof(*parent->children));
	parent->children[parent->count++] = child;
}

/* The earlier key of map equal to key, found through keys (the map's
 * scalar keys by their index in children), which learns key when it is
 * new. */
static const pm_ynode *find_key(const pm_ynode *map, pm_strmap *keys, const pm_ynode *key)
{
	long first;
	if (key->type != PM_Y_SCALAR)
		return NULL;
	first = pm_strmap_put(keys, key->value, key->len, (long)map->count);
	return first >= 0 ? map->children[first] : NULL;
}

static void set_error(pm_yaml_error *err, line_index *ix, yaml_mark_t mark, const char *message)
{
	place(ix, mark, &err->line, &err->column);
	snprintf(err->message, sizeof(err->message), "%s", message);
}

static void parser_error(pm_yaml_error *err, line_index *ix, const yaml_parser_t *parser)
{
	yaml_mark_t mark = parser->problem_mark;
	size_t l = mark.line < ix->count ? mark.line : ix->count - 1;
	int line, column;
	char c;
	place(ix, mark, &line, &column);
	c = ix->starts[l] + (size_t)column - 1 < ix->len ? ix->buf[ix->starts[l] + (size_t)column - 1] : 0;
	err->line = line;
	err->column = column;
	if (c == '@' || c == '`')
		snprintf(err->message, sizeof(err->message),
			 "not valid YAML: a value cannot start with '%c'; quote it, as in \"%calice\"", c, c);
	else
		snprintf(err->message, sizeof(err->message), "not valid YAML: %s%s%s",
			 parser->problem ? parser->problem : "syntax error", parser->context ? " " : "",
			 parser->context ? parser->context : "");
}

int pm_yaml_parse(pm_ynode **out, const char *buf, size_t len, int first_line,
		  pm_yaml_dups *dups, pm_yaml_error *err)
{
	yaml_parser_t parser;
	yaml_event_t event;
	line_index ix;
	pm_ynode *stack[PM_YAML_MAX_DEPTH + 1];
	/* The keys of each mapping on the stack, to find duplicates. */
	pm_strmap keys[PM_YAML_MAX_DEPTH + 1];
	size_t depth = 0;
	pm_ynode *root = NULL;
	int documents = 0;
	/* While > 0, we are inside the value of a duplicate key: events are
	 * checked but not kept. */
	size_t skip = 0;
	bool skip_pending = false;
	int rc = -1;
	bool done = false;

	*out = NULL;
	memset(keys, 0, sizeof(keys));
	line_index_init(&ix, buf, len, first_line);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done) {
		pm_ynode *node = NULL;
		pm_ynode *parent = depth ? stack[depth - 1] : NULL;
		if (!yaml_parser_parse(&parser, &event)) {
			parser_error(err, &ix, &parser);
			goto cleanup;
		}
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				set_error(err, &ix, event.start_mark, "more than one YAML document");
				goto fail_event;
			}
			break;
		case YAML_ALIAS_EVENT:
			set_error(err, &ix, event.start_mark, "YAML aliases (*name) are not allowed");
			goto fail_event;
		case YAML_SCALAR_EVENT:
			if (skip || skip_pending) {
				skip_pending = false;
				break;
			}
			if (memchr(event.data.scalar.value, '\0', event.data.scalar.length)) {
				set_error(err, &ix, event.start_mark, "a value holds a NUL character (\\0)");
				goto fail_event;
			}
			node = new_node(PM_Y_SCALAR, &ix, event.start_mark);
			node->value = pm_xstrndup((const char *)event.data.scalar.value, event.data.scalar.length);
			node->len = event.data.scalar.length;
			node->plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth + skip >= PM_YAML_MAX_DEPTH) {
				set_error(err, &ix, event.start_mark, "YAML nested deeper than 64 levels");
				goto fail_event;
			}
			if (skip || skip_pending) {
				skip++;
				skip_pending = false;
				break;
			}
			node = new_node(event.type == YAML_SEQUENCE_START_EVENT ? PM_Y_SEQ : PM_Y_MAP, &ix,
					event.start_mark);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (skip) {
				skip--;
				break;
			}
			depth--;
			pm_strmap_clear(&keys[depth]);
			break;
		default:
			break;
		}
		if (node) {
			bool is_key = parent && parent->type == PM_Y_MAP && parent->count % 2 == 0;
			const pm_ynode *first = is_key ? find_key(parent, &keys[depth - 1], node) : NULL;
			if (first) {
				if (dups) {
					pm_yaml_dup *d;
					pm_grow(&dups->items, &dups->cap, dups->count + 1, sizeof(*dups->items));
					d = &dups->items[dups->count++];
					d->line = node->line;
					d->column = node->column;
					d->key = pm_xstrdup(node->value);
					d->first_line = first->line;
				}
				pm_ynode_free(node);
				skip_pending = true;
			} else if (parent || !root) {
				if (parent)
					add_child(parent, node);
				else
					root = node;
				if (node->type != PM_Y_SCALAR)
					stack[depth++] = node;
			} else {
				pm_ynode_free(node); /* a second top-level node cannot occur */
			}
		}
		yaml_event_delete(&event);
	}
	*out = root;
	root = NULL;
	rc = 0;
	goto cleanup;

fail_event:
	yaml_event_delete(&event);
cleanup:
	for (size_t i = 0; i <= PM_YAML_MAX_DEPTH; i++)
		pm_strmap_clear(&keys[i]);
	pm_ynode_free(root);
	yaml_parser_delete(&parser);
	free(ix.starts);
	return rc;
}
