/* The repository a command works in: found as git finds it, with the
 * configuration read from the top of its work tree. */
#ifndef POSTMORTEM_WORKSPACE_H
#define POSTMORTEM_WORKSPACE_H

#include <stdbool.h>

#include "postmortem/config.h"
#include "postmortem/source.h"

typedef struct git_repository git_repository;

typedef struct {
	git_repository *repo; /* NULL outside a repository */
	char *root;           /* the work tree, absolute, no trailing '/'; NULL when none */
	char *cwd;            /* the current directory, absolute */
	pm_config cfg;
	pm_exclude *exclude;
} pm_workspace;

typedef enum {
	PM_WS_OK,
	PM_WS_NO_REPO,   /* not inside a repository (the defaults are loaded) */
	PM_WS_BARE,      /* a bare repository: no work tree */
	PM_WS_GIT_ERROR, /* message in *why */
	PM_WS_CONFIG_ERROR
} pm_ws_status;

/* Opens the repository around the current directory and reads its
 * configuration. On PM_WS_CONFIG_ERROR and PM_WS_GIT_ERROR, *why holds a
 * message (malloc'd), for the config in the form FILE:LINE:COL: message. */
pm_ws_status pm_workspace_open(pm_workspace *ws, char **why);
void pm_workspace_close(pm_workspace *ws);

/* Whether a path from the root is a document: a *.md under the configured
 * directory, without hidden parts, not excluded by the globs. */
bool pm_workspace_is_document(const pm_workspace *ws, const char *path);

/* path (as the user gave it) made absolute and lexically normalised. */
char *pm_absolute_path(const pm_workspace *ws, const char *path);
/* The path relative to the work tree root, when it lies inside; else NULL. */
char *pm_root_relative(const pm_workspace *ws, const char *abs_path);

#endif
