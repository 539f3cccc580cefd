/* postmortem commit: record documents in git, touching nothing else. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "postmortem/commit.h"
#include "postmortem/out.h"

const char cmd_commit_usage[] =
	"usage: postmortem commit [-m MESSAGE] [PATH...]\n"
	"\n"
	"Records documents in git: stages the given paths (default: every new or\n"
	"changed file of the postmortem directory, and .postmortem.yml),\n"
	"validates them as they will be committed, and commits them to the\n"
	"current branch. Other staged changes stay staged and out of the commit.\n"
	"Prints the new commit's short id.\n"
	"\n"
	"  -m, --message MESSAGE   the commit message (default: postmortem: add ID / update ID)\n"
	"\n"
	"Exit status: 0 committed (or nothing to commit), 1 the documents have\n"
	"errors (nothing is written), 2 usage or git error (a merge in progress,\n"
	"a locked index, ...).\n";

int pm_commit_and_report(pm_workspace *ws, const pm_strlist *paths, const char *message)
{
	pm_diags diags = {0};
	pm_commit_result result;
	char *why = NULL;
	int status;
	switch (pm_commit(ws, paths, message, &diags, &result, &why)) {
	case PM_COMMIT_DONE:
		printf("%s\n", result.short_id);
		status = PM_EXIT_OK;
		break;
	case PM_COMMIT_NOTHING:
		fputs("postmortem: commit: nothing to commit\n", stderr);
		status = PM_EXIT_OK;
		break;
	case PM_COMMIT_INVALID:
		pm_diags_sort(&diags);
		pm_write_diags_text(stdout, &diags, result.checked, pm_use_color(stdout));
		fputs("postmortem: commit: the documents have errors; nothing was committed\n", stderr);
		status = PM_EXIT_PROBLEMS;
		break;
	default:
		status = pm_fail("commit", "%s", why ? why : "failed");
		break;
	}
	pm_commit_result_clear(&result);
	pm_diags_clear(&diags);
	free(why);
	return status;
}

int cmd_commit(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"message", required_argument, NULL, 'm'},
		{NULL, 0, NULL, 0},
	};
	const char *message = NULL;
	pm_strlist paths = {0};
	int opt, status;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":m:", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			message = optarg;
			break;
		case ':':
			return pm_fail("commit", "option '%s' needs a value", argv[optind - 1]);
		default:
			return pm_unknown_option("commit", argv, cmd_commit_usage);
		}
	}
	if (ws_status == PM_WS_NO_REPO)
		return pm_fail("commit", "not in a git repository");
	if (ws_status == PM_WS_BARE)
		return pm_fail("commit", "this is a bare repository: there is no working tree to commit from");
	if (message && !*message)
		return pm_fail("commit", "the commit message is empty");
	for (int i = optind; i < argc; i++) {
		char *abs = pm_absolute_path(ws, argv[i]);
		char *rel = pm_root_relative(ws, abs);
		free(abs);
		if (!rel) {
			pm_strlist_clear(&paths);
			return pm_fail(argv[i], "outside the repository");
		}
		pm_strlist_add_owned(&paths, rel);
	}
	status = pm_commit_and_report(ws, &paths, message);
	pm_strlist_clear(&paths);
	return status;
}
