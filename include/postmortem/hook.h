/* The pre-commit hook that runs `postmortem validate --staged`. */
#ifndef POSTMORTEM_HOOK_H
#define POSTMORTEM_HOOK_H

#include <stdbool.h>

#include "postmortem/workspace.h"

typedef enum {
	PM_HOOK_INSTALLED,  /* written (or rewritten: it was ours) */
	PM_HOOK_CHAINED,    /* a foreign hook was kept as pre-commit.orig and is run first */
	PM_HOOK_FOREIGN,    /* a hook that is not ours is there: nothing done without force */
	PM_HOOK_REMOVED,    /* ours removed (and the original put back, if there was one) */
	PM_HOOK_ABSENT,     /* nothing of ours to remove */
	PM_HOOK_FAILED      /* *why says why */
} pm_hook_status;

/* The folder hooks live in: core.hooksPath when set, else the common
 * git directory's hooks/ (shared by linked worktrees). */
char *pm_hooks_dir(pm_workspace *ws, char **why);

/* self: the absolute path of this program, written into the hook as the
 * fallback when postmortem is not on PATH. */
pm_hook_status pm_hook_install(pm_workspace *ws, bool force, const char *self, char **path, char **why);
pm_hook_status pm_hook_uninstall(pm_workspace *ws, char **path, char **why);

#endif
