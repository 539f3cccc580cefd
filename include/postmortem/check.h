/* Checking documents: read, parse, apply the rules; on both cores. */
#ifndef POSTMORTEM_CHECK_H
#define POSTMORTEM_CHECK_H

#include <stddef.h>

#include "postmortem/config.h"
#include "postmortem/diag.h"
#include "postmortem/rules.h"

typedef struct {
	char *read_path;      /* where the bytes are, when not already in data */
	char *display_path;   /* what diagnostics call it */
	const pm_idset *ids;  /* for the cross-document rules; may be NULL */
	/* Bytes read beforehand (from the index or a revision, which are read
	 * on one thread), or why they could not be read (a file-invalid). */
	char *data;
	size_t len;
	char *unreadable;
} pm_target;

/* Parses and checks one document held in memory. */
void pm_check_buffer(const pm_config *cfg, const char *display_path, const char *buf, size_t len,
		     const pm_idset *ids, pm_diags *diags);

/* Reads and checks every target, on up to `jobs` threads (0: one per
 * core), adding every diagnostic to diags in target order. */
void pm_check_targets(const pm_config *cfg, const pm_target *targets, size_t count, unsigned jobs,
		      pm_diags *diags);

#endif
