/* Creating files that can never replace an existing one, only inside the
 * work tree. Used by init and new; the core never prints, so failures come
 * back as a message in *why (malloc'd). */
#ifndef POSTMORTEM_NEWFILE_H
#define POSTMORTEM_NEWFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "postmortem/util.h"

/* Opens the folder rel (relative to root, '/'-separated; "." for root
 * itself) for creating files in, and with create, makes it and the
 * folders above it when missing (mkdir -p). Every folder on the way must
 * lie inside root: one that leads outside through a symbolic link is
 * refused, and nothing is made there. Returns a file descriptor, or -1
 * with *why. */
int pm_dir_open_inside(const char *root, const char *rel, bool create, char **why);

#define PM_NEWFILE_EXISTS 1

/* Gives the file dirfd/from the name dirfd/to as well, never replacing a
 * file: link(2), or where the file system has no hard links (vfat), a
 * rename with RENAME_NOREPLACE, after which *moved is true (from is gone).
 * Returns 0 or an errno: EEXIST when `to` is taken, EOPNOTSUPP when
 * neither way works here. dirfd may be AT_FDCWD. */
int pm_name_exclusively(int dirfd, const char *from, const char *to, bool *moved);

/* Creates dirfd/name holding data, atomically and without ever replacing
 * a file: the data goes to a temporary file beside it, is synced, and is
 * then hard-linked to name. Returns 0; PM_NEWFILE_EXISTS when the name is
 * taken (nothing is written); or -1 with *why. */
int pm_newfile_create(int dirfd, const char *name, const char *data, size_t len, char **why);

/* The same under the first free name of STEM.EXT, STEM-2.EXT, STEM-3.EXT...
 * that is not in avoid (file names taken elsewhere, such as the ids of
 * documents in other folders; may be NULL). Two processes at once get two
 * names. Returns 0 with *name_out (malloc'd), or -1 with *why. */
int pm_newfile_create_unique(int dirfd, const char *stem, const char *ext, const char *data,
			     size_t len, const pm_strlist *avoid, char **name_out, char **why);

#endif
