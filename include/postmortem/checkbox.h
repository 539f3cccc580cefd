/* Ticking an action item's checkbox (`postmortem done`, contract section
 * 5): one byte of the document changes, and nothing else. */
#ifndef POSTMORTEM_CHECKBOX_H
#define POSTMORTEM_CHECKBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/config.h"

typedef enum {
	PM_DONE_CHANGED,    /* out holds the document with the box flipped */
	PM_DONE_ALREADY,    /* the box already says so: nothing to write */
	PM_DONE_UNREADABLE, /* the document does not parse: why says how */
	PM_DONE_NO_ITEM,    /* no action item has that number */
	PM_DONE_NO_BOX,     /* the item has no checkbox */
	PM_DONE_NO_PLACE,   /* the box is not written as plain "[ ]" in the file */
	PM_DONE_MEANING     /* flipping the byte would change how the document reads */
} pm_done_status;

typedef struct {
	char *out;       /* CHANGED: the new bytes, as many as the input */
	size_t offset;   /* CHANGED: the byte that differs */
	char *title;     /* the item's title, when the item exists */
	int line;        /* the item's line, when the item exists */
	size_t nactions; /* the document's action items */
	char *why;       /* UNREADABLE: the first diagnostic, "message [rule]" */
} pm_done_result;

/* Marks action item `number` (from 1) of the document buf done ('x'), or
 * open again (' ') with undo. A pure function of its arguments: path
 * only names the document in messages. The result is checked by parsing
 * it again: the same items, on the same lines, with the same titles and
 * fields, and only this one's box flipped; anything else (a link
 * definition named "x" that the new "[x]" would use, say) is
 * PM_DONE_MEANING and nothing to write. res is filled for every status;
 * free it with pm_done_result_free. */
pm_done_status pm_done_rewrite(pm_done_result *res, const char *buf, size_t len, const pm_config *cfg,
			       const char *path, int number, bool undo);
void pm_done_result_free(pm_done_result *res);

#endif
