/* Paths as the user should see them. */
#ifndef POSTMORTEM_PATH_H
#define POSTMORTEM_PATH_H

/* to, relative to the folder from; both absolute and normalised (no "."
 * or ".." parts, no trailing '/'). "." when they are the same. */
char *pm_path_relative(const char *from, const char *to);

/* dir/name, with "." and "" as dir giving name alone. */
char *pm_path_join(const char *dir, const char *name);

#endif
