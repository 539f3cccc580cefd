/* postmortem hook install|uninstall: the pre-commit hook. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "postmortem/diag.h"
#include "postmortem/hook.h"

const char cmd_hook_usage[] =
	"usage: postmortem hook install [--force]\n"
	"       postmortem hook uninstall\n"
	"\n"
	"Manages the pre-commit hook that runs `postmortem validate --staged`,\n"
	"in core.hooksPath when it is set, else in the repository's hooks folder.\n"
	"\n"
	"  --force   replace a pre-commit hook that is not ours: it is kept as\n"
	"            pre-commit.orig and still runs first\n"
	"\n"
	"`uninstall` removes only our hook, and puts pre-commit.orig back.\n";

/* The absolute path of this program, for the hook's fallback. */
static char *self_path(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return pm_xstrdup("postmortem");
	buf[n] = '\0';
	return pm_xstrdup(buf);
}

int pm_install_hook(pm_workspace *ws, bool force)
{
	char *self = self_path();
	char *path = NULL, *why = NULL;
	int status = PM_EXIT_OK;
	pm_hook_status done = pm_hook_install(ws, force, self, &path, &why);
	/* core.hooksPath may hold anything: shown escaped, as every path is. */
	char *shown = pm_sanitize(path ? path : "", path ? strlen(path) : 0);
	switch (done) {
	case PM_HOOK_INSTALLED:
		printf("installed the pre-commit hook: %s\n", shown);
		break;
	case PM_HOOK_CHAINED:
		printf("installed the pre-commit hook: %s (the previous one is kept as pre-commit.orig and runs "
		       "first)\n",
		       shown);
		break;
	case PM_HOOK_FOREIGN:
		status = pm_fail("hook", "%s is not ours: use --force to keep it as pre-commit.orig and run both",
				 path);
		break;
	default:
		status = pm_fail("hook", "%s", why ? why : "cannot install the hook");
		break;
	}
	free(self);
	free(path);
	free(shown);
	free(why);
	return status;
}

int cmd_hook(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	bool force = false;
	const char *action;
	int opt, status = PM_EXIT_OK;
	char *path = NULL, *why = NULL, *shown;
	pm_hook_status done;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == 'f') {
			force = true;
			continue;
		}
		return pm_unknown_option("hook", argv, cmd_hook_usage);
	}
	if (optind + 1 != argc) {
		pm_fail("hook", "say install or uninstall");
		fprintf(stderr, "\n%s", cmd_hook_usage);
		return PM_EXIT_FAILURE;
	}
	action = argv[optind];
	if (strcmp(action, "install") != 0 && strcmp(action, "uninstall") != 0) {
		pm_fail("hook", "unknown action '%s': say install or uninstall", action);
		return PM_EXIT_FAILURE;
	}
	if (ws_status == PM_WS_NO_REPO)
		return pm_fail("hook", "not in a git repository");
	if (strcmp(action, "install") == 0)
		return pm_install_hook(ws, force);
	if (force)
		return pm_fail("hook", "--force is for install");
	done = pm_hook_uninstall(ws, &path, &why);
	shown = pm_sanitize(path ? path : "", path ? strlen(path) : 0);
	switch (done) {
	case PM_HOOK_REMOVED:
		printf("removed the pre-commit hook: %s\n", shown);
		break;
	case PM_HOOK_ABSENT:
		printf("no pre-commit hook to remove: %s\n", shown);
		break;
	case PM_HOOK_FOREIGN:
		status = pm_fail("hook", "%s is not ours: left as it is", path);
		break;
	default:
		status = pm_fail("hook", "%s", why ? why : "cannot remove the hook");
		break;
	}
	free(path);
	free(shown);
	free(why);
	return status;
}
