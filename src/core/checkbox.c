#include "postmortem/checkbox.h"

#include <stdlib.h>
#include <string.h>

#include "postmortem/diag.h"
#include "postmortem/doc.h"
#include "postmortem/util.h"

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether b is a as the document read before, but for the box of the
 * item at `flipped`, which must now read as `want`. */
static bool same_item(const pm_action *a, const pm_action *b, bool flipped, pm_box want)
{
	if (a->number != b->number || a->line != b->line || a->column != b->column ||
	    a->box_offset != b->box_offset || !same_string(a->title, b->title) || a->nfields != b->nfields)
		return false;
	if (b->box != (flipped ? want : a->box))
		return false;
	for (size_t i = 0; i < a->nfields; i++)
		if (!same_string(a->fields[i].key, b->fields[i].key) ||
		    !same_string(a->fields[i].value, b->fields[i].value) || a->fields[i].line != b->fields[i].line)
			return false;
	return true;
}

/* Whether the document out reads as before with only item `index`
 * flipped. A checkbox's byte can be part of more than the box: "[x]"
 * is a link when the document defines one named "x", and "[x]: y" a
 * link definition. */
static bool reads_the_same(const pm_doc *before, const char *out, size_t len, const pm_config *cfg,
			   const char *path, size_t index, pm_box want)
{
	pm_doc after;
	pm_diags diags = {0};
	bool same;
	pm_doc_parse(&after, cfg, path, out, len, &diags);
	same = after.state == PM_DOC_OK && after.nactions == before->nactions;
	for (size_t i = 0; same && i < before->nactions; i++)
		same = same_item(&before->actions[i], &after.actions[i], i == index, want);
	pm_doc_free(&after);
	pm_diags_clear(&diags);
	return same;
}

pm_done_status pm_done_rewrite(pm_done_result *res, const char *buf, size_t len, const pm_config *cfg,
			       const char *path, int number, bool undo)
{
	pm_doc doc;
	pm_diags diags = {0};
	const pm_action *action = NULL;
	size_t index = 0, off;
	pm_done_status status;
	pm_box want = undo ? PM_BOX_OPEN : PM_BOX_DONE;

	memset(res, 0, sizeof(*res));
	pm_doc_parse(&doc, cfg, path, buf, len, &diags);
	if (doc.state != PM_DOC_OK) {
		/* A parse that stops always says why, first. */
		res->why = diags.count ? pm_xasprintf("%s [%s]", diags.items[0].message,
						      pm_rule_name(diags.items[0].rule))
				       : pm_xstrdup("the document cannot be read");
		status = PM_DONE_UNREADABLE;
		goto done;
	}
	res->nactions = doc.nactions;
	for (size_t i = 0; i < doc.nactions && !action; i++)
		if (doc.actions[i].number == number) {
			action = &doc.actions[i];
			index = i;
		}
	if (!action) {
		status = PM_DONE_NO_ITEM;
		goto done;
	}
	res->title = pm_xstrdup(action->title);
	res->line = action->line;
	if (action->box == PM_BOX_MISSING) {
		status = PM_DONE_NO_BOX;
		goto done;
	}
	/* The parser places the box only where the file spells it plainly;
	 * the bytes are checked again here, since they are what we write. */
	off = action->box_offset;
	if (off == 0 || off + 1 >= len || buf[off - 1] != '[' || buf[off + 1] != ']' ||
	    (action->box == PM_BOX_OPEN ? buf[off] != ' ' : buf[off] != 'x' && buf[off] != 'X')) {
		status = PM_DONE_NO_PLACE;
		goto done;
	}
	if (action->box == want) {
		status = PM_DONE_ALREADY;
		goto done;
	}
	res->out = pm_xmalloc(len);
	memcpy(res->out, buf, len);
	res->out[off] = undo ? ' ' : 'x';
	res->offset = off;
	if (!reads_the_same(&doc, res->out, len, cfg, path, index, want)) {
		free(res->out);
		res->out = NULL;
		res->offset = 0;
		status = PM_DONE_MEANING;
		goto done;
	}
	status = PM_DONE_CHANGED;
done:
	pm_doc_free(&doc);
	pm_diags_clear(&diags);
	return status;
}

void pm_done_result_free(pm_done_result *res)
{
	free(res->out);
	free(res->title);
	free(res->why);
	memset(res, 0, sizeof(*res));
}
