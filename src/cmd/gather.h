/* What `actions` and `list` share: where the documents come from, what
 * day it is, reading them all, and the terminal's width. */
#ifndef POSTMORTEM_CMD_GATHER_H
#define POSTMORTEM_CMD_GATHER_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/docsource.h"
#include "postmortem/ptime.h"
#include "postmortem/rollup.h"
#include "postmortem/workspace.h"

/* getopt_long codes of the shared options. */
enum { GATHER_TODAY = 0x100, GATHER_REV, GATHER_STAGED };

#define GATHER_OPTIONS                                                                             \
	{"today", required_argument, NULL, GATHER_TODAY}, {"rev", required_argument, NULL, GATHER_REV}, \
		{"staged", no_argument, NULL, GATHER_STAGED}

typedef struct {
	pm_src_kind kind;
	const char *rev;
	bool has_today; /* --today given */
	pm_date today;  /* --today, or the local date */
} gather_opts;

void gather_init(gather_opts *o);
/* Takes what getopt_long returned that the command's own options are
 * not: a shared option, a missing value (':'), an unknown option. argv
 * is the command's, for the option's name. Returns 0, or an exit status
 * (after the message, and for an unknown option the usage). */
int gather_option(gather_opts *o, const char *cmd, const char *usage, int opt, char **argv);
/* After the options: these commands take no other argument. Returns 0,
 * or an exit status. */
int gather_no_arguments(const char *cmd, int argc, char **argv);
/* The index of arg in names (NULL-terminated), or -1. */
int gather_choice(const char *arg, const char *const *names);
/* Parses a YYYY-MM-DD option value. Returns 0, or an exit status. */
int gather_date(const char *cmd, const char *option, const char *arg, pm_date *out);

/* A filter's value must be configured (any case): a typo would otherwise
 * silently match nothing. Returns 0, or an exit status. */
int gather_known(const char *cmd, const char *option, const char *arg, const pm_strlist *allowed);

/* Reads and parses every document of the source into r; each one that
 * cannot be read is reported on stderr. Returns 0, PM_EXIT_PROBLEMS when
 * a document was left out, or PM_EXIT_FAILURE. */
int gather_rollup(pm_rollup *r, pm_workspace *ws, pm_ws_status ws_status, const gather_opts *o,
		  const char *cmd);

/* Columns of the terminal: $COLUMNS, else the tty's, else 100. */
size_t gather_terminal_width(void);

#endif
