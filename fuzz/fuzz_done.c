/* libFuzzer: any bytes as a document. For each action item, `done` and
 * `done --undo` (pm_done_rewrite) either refuse, or change exactly the
 * byte at the item's box_offset, to 'x' or ' ', and nothing else; the
 * result parses to as many items, with that item's box flipped; and
 * flipping it back gives the original bytes again. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/checkbox.h"
#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Items checked per input: each costs about eight parses of the whole
 * document (two rewrites, each checked by parsing, then checked here and
 * flipped back), so checking every item of a document of thousands
 * would make each run take seconds. The first few and the last cover
 * the start and the end of lists. */
#define FIRST_ITEMS 6
#define LAST_ITEMS 2

static const char path[] = "postmortems/2026-11-20-fuzz.md";

static void check_flip(const pm_config *cfg, const char *buf, size_t len, const pm_doc *doc, size_t index,
		       bool undo)
{
	const pm_action *a = &doc->actions[index];
	pm_box want = undo ? PM_BOX_OPEN : PM_BOX_DONE;
	pm_done_result res;
	pm_done_status status = pm_done_rewrite(&res, buf, len, cfg, path, a->number, undo);

	switch (status) {
	case PM_DONE_UNREADABLE:
	case PM_DONE_NO_ITEM:
		/* The document parsed, and the item is there. */
		__builtin_trap();
	case PM_DONE_NO_BOX:
		if (a->box != PM_BOX_MISSING)
			__builtin_trap();
		break;
	case PM_DONE_NO_PLACE:
		if (a->box == PM_BOX_MISSING)
			__builtin_trap();
		break;
	case PM_DONE_ALREADY:
		if (a->box != want || res.out)
			__builtin_trap();
		break;
	case PM_DONE_MEANING:
		if (a->box == want || a->box == PM_BOX_MISSING || a->box_offset == 0 || res.out)
			__builtin_trap();
		break;
	case PM_DONE_CHANGED: {
		pm_doc after;
		pm_diags diags = {0};
		size_t off = a->box_offset;
		if (!res.out || res.offset != off || off == 0 || off >= len || a->box == want)
			__builtin_trap();
		/* One byte, the box's, and to what the box now says. */
		if (memcmp(res.out, buf, off) != 0 || memcmp(res.out + off + 1, buf + off + 1, len - off - 1) != 0)
			__builtin_trap();
		if (res.out[off] != (undo ? ' ' : 'x'))
			__builtin_trap();
		pm_doc_parse(&after, cfg, path, res.out, len, &diags);
		if (after.state != PM_DOC_OK || after.nactions != doc->nactions ||
		    after.actions[index].box != want || after.actions[index].box_offset != off)
			__builtin_trap();
		pm_doc_free(&after);
		pm_diags_clear(&diags);
		/* And back: an open box ticked and unticked is the file it was. */
		if (!undo && buf[off] == ' ') {
			pm_done_result back;
			if (pm_done_rewrite(&back, res.out, len, cfg, path, a->number, true) != PM_DONE_CHANGED ||
			    memcmp(back.out, buf, len) != 0)
				__builtin_trap();
			pm_done_result_free(&back);
		}
		break;
	}
	}
	pm_done_result_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_config cfg;
	pm_doc doc;
	pm_diags diags = {0};
	/* Exactly size bytes, so that a read past the end is caught. */
	char *buf = malloc(size ? size : 1);

	if (size)
		memcpy(buf, data, size);
	pm_config_init(&cfg);
	pm_doc_parse(&doc, &cfg, path, buf, size, &diags);
	if (doc.state == PM_DOC_OK) {
		for (size_t i = 0; i < doc.nactions; i++) {
			if (i >= FIRST_ITEMS && i + LAST_ITEMS < doc.nactions)
				continue;
			check_flip(&cfg, buf, size, &doc, i, false);
			check_flip(&cfg, buf, size, &doc, i, true);
		}
	} else {
		/* What the parser refuses, done refuses too. */
		pm_done_result res;
		if (pm_done_rewrite(&res, buf, size, &cfg, path, 1, false) != PM_DONE_UNREADABLE || !res.why)
			__builtin_trap();
		pm_done_result_free(&res);
	}
	pm_doc_free(&doc);
	pm_diags_clear(&diags);
	pm_config_free(&cfg);
	free(buf);
	return 0;
}
