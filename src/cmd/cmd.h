/* The commands: one file each, one entry point each (git's builtin/). */
#ifndef POSTMORTEM_CMD_H
#define POSTMORTEM_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "postmortem/workspace.h"

/* Exit statuses, for every command (contract section 1). */
enum { PM_EXIT_OK = 0, PM_EXIT_PROBLEMS = 1, PM_EXIT_FAILURE = 2 };

/* argv[0] is the command's name. ws is open; ws_status says what kind of
 * place it is (a repository, none, a bare one). */
typedef int (*pm_cmd_fn)(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);

int cmd_init(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_init_usage[];
int cmd_new(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_new_usage[];
int cmd_validate(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_validate_usage[];
int cmd_actions(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_actions_usage[];
int cmd_list(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_list_usage[];
int cmd_done(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_done_usage[];
int cmd_commit(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_commit_usage[];
int cmd_hook(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status);
extern const char cmd_hook_usage[];

/* Installs the pre-commit hook and reports as `hook install` does;
 * shared by `init --hook`. */
int pm_install_hook(pm_workspace *ws, bool force);

/* Commits paths (from the root; none: the default set) and reports as
 * `commit` does; shared by `new --commit` and `done --commit`. */
int pm_commit_and_report(pm_workspace *ws, const pm_strlist *paths, const char *message);

/* Reports the option getopt_long just refused ('?'), then the usage;
 * returns PM_EXIT_FAILURE. */
int pm_unknown_option(const char *cmd, char **argv, const char *usage);

/* postmortem: <what>: <why> on stderr; returns PM_EXIT_FAILURE. */
int pm_fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether to colour stdout: a terminal, and NO_COLOR unset. */
bool pm_use_color(FILE *stream);

#endif
