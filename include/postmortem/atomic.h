/* Replacing a file so that readers and crashes see the old contents or
 * the new, never a mix. */
#ifndef POSTMORTEM_ATOMIC_H
#define POSTMORTEM_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>

/* Writes len bytes of data to path: a temporary file in the same folder,
 * written and synced, renamed over path, then the folder synced. The new
 * file gets the permission bits `mode` when mode >= 0; else those of the
 * file it replaces, or 0666 less the umask for a new file. Returns 0, or
 * -1 with *why (malloc'd) and path untouched. */
int pm_write_atomic(const char *path, const void *data, size_t len, int mode, char **why);

/* Every temporary file the program makes (pm_write_atomic, and the
 * creation of new files) is named ".postmortem-....tmp" beside the file it
 * becomes: hidden, so that validate never reads one that a crash left
 * behind, and recognisable, so that commit never records one. */
#define PM_TEMP_PREFIX ".postmortem-"
#define PM_TEMP_SUFFIX ".tmp"

/* Whether the last component of path is such a name. */
bool pm_is_temp_name(const char *path);

#endif
