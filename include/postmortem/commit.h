/* Recording documents in git through libgit2, touching nothing else:
 * the commit's tree is HEAD's tree plus only the chosen paths, and only
 * those paths' index entries change. */
#ifndef POSTMORTEM_COMMIT_H
#define POSTMORTEM_COMMIT_H

#include <stdbool.h>

#include "postmortem/diag.h"
#include "postmortem/util.h"
#include "postmortem/workspace.h"

typedef enum {
	PM_COMMIT_DONE,
	PM_COMMIT_NOTHING,  /* no chosen path differs from HEAD */
	PM_COMMIT_INVALID,  /* the documents have errors: diags says which; nothing written */
	PM_COMMIT_FAILED    /* *why says why: a merge in progress, a held lock, git trouble */
} pm_commit_status;

typedef struct {
	char short_id[64];  /* the new commit, abbreviated as git does */
	char *message;      /* the message used (malloc'd) */
	pm_strlist paths;   /* the paths recorded */
	size_t checked;     /* documents validated */
} pm_commit_result;

/* Commits `paths` (from the root of the work tree; files or folders; an
 * empty list means every new or changed file of the postmortem directory
 * and .postmortem.yml) with `message` (NULL: the default message). The
 * documents among them are validated as they will be committed first. */
pm_commit_status pm_commit(pm_workspace *ws, const pm_strlist *paths, const char *message, pm_diags *diags,
			   pm_commit_result *result, char **why);
void pm_commit_result_clear(pm_commit_result *result);

/* The signature git would use for `who` ("AUTHOR" or "COMMITTER"): the
 * GIT_<WHO>_NAME, _EMAIL and _DATE variables, then user.name and
 * user.email. Returns 0, or -1 with *why. Exposed for tests. */
struct git_signature;
int pm_signature_from_env(struct git_signature **out, struct git_repository *repo, const char *who, char **why);

/* Parses a date as git's GIT_AUTHOR_DATE takes it: "@SECONDS [+-HHMM]",
 * "SECONDS +-HHMM", ISO 8601 ("2026-11-20T09:14:00+01:00", "2026-11-20
 * 09:14:00 +0100") and RFC 2822 ("Fri, 20 Nov 2026 09:14:00 +0100"). */
bool pm_parse_git_date(const char *text, long long *seconds, int *offset_minutes);

#endif
