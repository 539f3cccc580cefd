#include "cmd/gather.h"

#include <getopt.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"

void gather_init(gather_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = PM_SRC_WORKTREE;
	o->today = pm_today();
}

int gather_date(const char *cmd, const char *option, const char *arg, pm_date *out)
{
	if (!pm_date_parse(arg, strlen(arg), out))
		return pm_fail(cmd, "%s takes a date written YYYY-MM-DD, not '%s'", option, arg);
	return 0;
}

int gather_known(const char *cmd, const char *option, const char *arg, const pm_strlist *allowed)
{
	pm_buf list = {0};
	int status;
	if (pm_strlist_find_icase(allowed, arg) >= 0)
		return 0;
	for (size_t i = 0; i < allowed->count; i++)
		pm_buf_printf(&list, "%s%s", i ? ", " : "", allowed->items[i]);
	status = pm_fail(cmd, "%s: unknown value '%s' (known: %s)", option, arg, list.data ? list.data : "");
	pm_buf_free(&list);
	return status;
}

int gather_option(gather_opts *o, const char *cmd, const char *usage, int opt, char **argv)
{
	switch (opt) {
	case GATHER_TODAY:
		o->has_today = true;
		return gather_date(cmd, "--today", optarg, &o->today);
	case GATHER_REV:
	case GATHER_STAGED:
		if (o->kind != PM_SRC_WORKTREE)
			return pm_fail(cmd, "--rev and --staged cannot be combined (nor given twice)");
		o->kind = opt == GATHER_REV ? PM_SRC_REV : PM_SRC_INDEX;
		o->rev = optarg;
		return 0;
	case ':':
		return pm_fail(cmd, "option '%s' needs a value", argv[optind - 1]);
	default:
		return pm_unknown_option(cmd, argv, usage);
	}
}

int gather_no_arguments(const char *cmd, int argc, char **argv)
{
	if (optind < argc)
		return pm_fail(cmd, "unexpected argument '%s' (%s takes options only)", argv[optind], cmd);
	return 0;
}

int gather_choice(const char *arg, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	return -1;
}

int gather_rollup(pm_rollup *r, pm_workspace *ws, pm_ws_status ws_status, const gather_opts *o,
		  const char *cmd)
{
	pm_docsource *src = NULL;
	pm_diags unreadable = {0};
	char *why = NULL;
	int status = PM_EXIT_OK;
	if (ws_status == PM_WS_NO_REPO)
		return pm_fail(cmd, "not in a git repository (or any parent folder)");
	if (ws_status == PM_WS_BARE && o->kind != PM_SRC_REV)
		return pm_fail(cmd, "this is a bare repository: there is no working tree (use --rev REV)");
	if (pm_docsource_open(&src, ws, o->kind, o->rev, &why) != 0 ||
	    pm_rollup_collect(r, src, &ws->cfg, o->today, 0, &unreadable, &why) != 0) {
		status = pm_fail(cmd, "%s", why);
		goto done;
	}
	/* The others still roll up; these are named, and fail the run. */
	for (size_t i = 0; i < unreadable.count; i++) {
		const pm_diag *d = &unreadable.items[i];
		char *path = pm_sanitize(d->path, strlen(d->path));
		fprintf(stderr, "postmortem: %s:%d:%d: left out of the rollup: %s [%s]\n", path, d->line,
			d->column, d->message, pm_rule_name(d->rule));
		free(path);
	}
	if (unreadable.count)
		status = PM_EXIT_PROBLEMS;
done:
	free(why);
	pm_diags_clear(&unreadable);
	pm_docsource_free(src);
	return status;
}

size_t gather_terminal_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	if (env && *env) {
		char *end;
		long n = strtol(env, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (size_t)n;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 100;
}
