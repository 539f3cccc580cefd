/* The command table and nothing else (git.c's shape). */
#include <errno.h>
#include <getopt.h>
#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "postmortem/diag.h"
#include "postmortem/util.h"

static const struct {
	const char *name;
	pm_cmd_fn fn;
	const char *usage;
	const char *summary;
} commands[] = {
	{"init", cmd_init, cmd_init_usage, "write .postmortem.yml and the folder of postmortems"},
	{"new", cmd_new, cmd_new_usage, "write a new postmortem from a template and open it"},
	{"validate", cmd_validate, cmd_validate_usage, "check documents: fields, sections, timeline, action items"},
	{"actions", cmd_actions, cmd_actions_usage, "list the action items of every document"},
	{"list", cmd_list, cmd_list_usage, "list the documents, newest first"},
	{"done", cmd_done, cmd_done_usage, "mark an action item done (or open again)"},
	{"commit", cmd_commit, cmd_commit_usage, "record documents in git, touching nothing else"},
	{"hook", cmd_hook, cmd_hook_usage, "install or remove the pre-commit hook"},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
	"usage: postmortem [-C DIR] COMMAND [OPTIONS] [ARGS]\n"
	"       postmortem --help | --version\n"
	"\n"
	"Options:\n"
	"  -C DIR      run as if started in DIR\n"
	"  --help      show this help\n"
	"  --version   show the version\n"
	"\n"
	"Commands:\n";

static void print_usage(FILE *out)
{
	fputs(main_usage, out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s  %s\n", commands[i].name, commands[i].summary);
	fputs("\nExit status: 0 success, 1 the documents have problems, 2 usage, configuration, I/O or git error.\n"
	      "See 'postmortem COMMAND --help'.\n",
	      out);
}

int pm_fail(const char *what, const char *fmt, ...)
{
	va_list ap;
	pm_buf msg = {0};
	char *safe_what = pm_sanitize(what, strlen(what));
	char *safe_msg;
	va_start(ap, fmt);
	pm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* Arguments and paths are echoed: no raw escapes reach the terminal. */
	safe_msg = pm_sanitize(msg.data ? msg.data : "", msg.len);
	fprintf(stderr, "postmortem: %s: %s\n", safe_what, safe_msg);
	free(safe_what);
	free(safe_msg);
	pm_buf_free(&msg);
	return PM_EXIT_FAILURE;
}

int pm_unknown_option(const char *cmd, char **argv, const char *usage)
{
	/* getopt_long leaves a refused short option in optopt, in the middle
	 * of a word ("-lead"): argv[optind - 1] would name another argument. */
	if (optopt && optopt != '?') {
		pm_fail(cmd, "unknown option '-%c' (an argument that starts with '-'? put -- before it)", optopt);
	} else {
		pm_fail(cmd, "unknown option '%s'", argv[optind - 1]);
	}
	fprintf(stderr, "\n%s", usage);
	return PM_EXIT_FAILURE;
}

bool pm_use_color(FILE *stream)
{
	return isatty(fileno(stream)) && getenv("NO_COLOR") == NULL;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* Like git: a command's output that could not be written is an error,
 * not silent loss. */
static int finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "postmortem: write error: %s\n", strerror(errno ? errno : EIO));
		return PM_EXIT_FAILURE;
	}
	return status;
}

static int run(int argc, char **argv)
{
	int i = 1;
	pm_workspace ws;
	pm_ws_status st;
	char *why = NULL;
	int status;
	size_t c;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage(stdout);
			return finish_output(PM_EXIT_OK);
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("postmortem %s\n", PM_VERSION);
			return finish_output(PM_EXIT_OK);
		}
		if (strcmp(argv[i], "-C") == 0 || strncmp(argv[i], "-C", 2) == 0) {
			const char *dir = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!dir) {
				fputs("postmortem: -C needs a directory\n", stderr);
				return PM_EXIT_FAILURE;
			}
			if (*dir && chdir(dir) != 0)
				return pm_fail(dir, "cannot change to this directory: %s", strerror(errno));
			i++;
			continue;
		}
		pm_fail(argv[i], "unknown option");
		fputc('\n', stderr);
		print_usage(stderr);
		return PM_EXIT_FAILURE;
	}
	if (i >= argc) {
		fputs("postmortem: usage: no command given\n\n", stderr);
		print_usage(stderr);
		return PM_EXIT_FAILURE;
	}
	for (c = 0; c < NCOMMANDS; c++)
		if (strcmp(commands[c].name, argv[i]) == 0)
			break;
	if (c == NCOMMANDS) {
		return pm_fail(argv[i], "not a postmortem command; see 'postmortem --help'");
	}
	if (wants_help(argc - i, argv + i)) {
		fputs(commands[c].usage, stdout);
		return finish_output(PM_EXIT_OK);
	}

	st = pm_workspace_open(&ws, &why);
	if (st == PM_WS_CONFIG_ERROR) {
		/* postmortem: .postmortem.yml:LINE:COL: message */
		char *safe = pm_sanitize(why, strlen(why));
		fprintf(stderr, "postmortem: %s\n", safe);
		free(safe);
		status = PM_EXIT_FAILURE;
	} else if (st == PM_WS_GIT_ERROR) {
		status = pm_fail(commands[c].name, "%s", why);
	} else {
		status = commands[c].fn(argc - i, argv + i, &ws, st);
	}
	free(why);
	pm_workspace_close(&ws);
	return finish_output(status);
}

int main(int argc, char **argv)
{
	int status;
	git_libgit2_init();
	/* The tree of a folder of thousands of documents is larger than
	 * libgit2 caches by default (4 KiB): without this, --rev would inflate
	 * it again for every document. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)64 << 20);
	status = run(argc, argv);
	git_libgit2_shutdown();
	return status;
}
