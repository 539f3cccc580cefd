/* Replacing a file so that readers and crashes see the old contents or
 * the new, never a mix. */
#ifndef POSTMORTEM_ATOMIC_H
#define POSTMORTEM_ATOMIC_H

#include <stddef.h>

/* Writes len bytes of data to path: a temporary file in the same folder,
 * written and synced, renamed over path, then the folder synced. The new
 * file gets the permission bits `mode` when mode >= 0; else those of the
 * file it replaces, or 0666 less the umask for a new file. Returns 0, or
 * -1 with *why (malloc'd) and path untouched. */
int pm_write_atomic(const char *path, const void *data, size_t len, int mode, char **why);

#endif
